// The Kingdee K/3 Cloud fake (node:http): start it, seed it, inject faults.
export { startKingdeeFake, DEFAULT_KINGDEE_APP, DEFAULT_KINGDEE_USER, type KingdeeFake, type KingdeeFakeOptions } from './server.js';
export { KingdeeDataCentre, KD_FORMS, type KdRecord, type KdRef, type KdUser, type KdApp } from './state.js';
export { seedKingdeeFromBook, type KingdeeIdMap } from './seed.js';
export { KingdeeFakeState, createKingdeeHandler, type KingdeeFakeKnobs } from './handler.js';
