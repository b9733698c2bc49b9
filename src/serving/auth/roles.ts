// Roles live with the operations that check them; the server's route guard uses the same ranking.
export { roleAllows } from '../../operations/index.js';
