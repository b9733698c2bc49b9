export { defineOperation, actorOf, type Caller, type Operation, type RoleNeed } from './operation.js';
export { executeOperation, type OperationHost } from './execute-operation.js';
export { roleAllows } from './roles.js';
