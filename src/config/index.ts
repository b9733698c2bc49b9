export { loadConfig, type Config, type ConfigOverrides, type S3Credentials } from './config.js';
