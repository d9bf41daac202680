// Registers every kam-* tag. Each element's define file adds itself here.
export {};
