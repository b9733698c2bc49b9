export { loadConfig, type Config, type ConfigOverrides } from './config.js';
