export { YAML_LIMITS, boundedYamlToJs, parseBoundedYaml, readBoundedYaml, type YamlSource } from './read-yaml.js';
