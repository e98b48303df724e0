export { startSimulator, type Simulator, type SimulatorOptions } from './server.js';
export { dialects, openAIFlavors, type Dialect, type OpenAIFlavor } from './dialect.js';
export { errorKinds, parseScript, parseScripts, type ErrorKind, type Script, type ScriptMatch } from './script.js';
export type { RecordedRequest } from './record.js';
export { estimateTokens } from './tokens.js';
export { embedText } from './embedding.js';
