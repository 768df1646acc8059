// One place for the kill hooks: the storage room has them too (an account rename is a multi-step change there).
export { KILL_AT_VAR, killPoint as faultPoint } from '../storage/fault-injection.js';
