// `@kamkit/adapters/relay`: the REST-contract relay (Node) and the contract handler it is built on.
export * from './relay.js';
export * from './contract.js';
