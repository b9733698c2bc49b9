// The HTTP serving layer: one Fastify server over the prediction service.
export { createPitstopServer, type PitstopServer, type ServerOptions } from './pitstop-server.js';
export { PredictionService, type PredictRequest, type PredictResponse } from './prediction-service.js';
