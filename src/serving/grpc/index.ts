// The V2 protocol over gRPC: the server and its translation of messages to the V2 data plane.
export { GrpcInferenceServer, type GrpcInferenceServerDeps } from './grpc-inference-server.js';
export { grpcStatusOf } from './grpc-status.js';
