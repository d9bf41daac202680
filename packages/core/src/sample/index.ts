export { generateSampleBook, sampleFxTable, type SampleBookOptions } from './generate.js';
export { newBusinessPipeline, renewalPipeline } from './pipelines.js';
export { mulberry32, Random } from './prng.js';
