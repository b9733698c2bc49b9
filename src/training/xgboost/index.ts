// Models trained by XGBoost, read from their saved JSON or UBJSON and written as Pitstop's ONNX tree ensemble.
export { importXgboostModel, IMPORTED_INPUT, type ImportedModel, type ImportXgboostOptions } from './import-xgboost-model.js';
