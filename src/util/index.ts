export { canonicalJson, sortKeys } from './canonical-json.js';
export { sha256Hex } from './hash.js';
export { writeFileAtomic } from './atomic-write.js';
export { uuidV7 } from './uuid.js';
export { HEXEC_VERSION } from './version.js';
export { closestName } from './closest-name.js';
export { replaceSection, type SectionMarkers } from './generated-section.js';
