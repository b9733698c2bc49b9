// The S3 artifact store, apart from the folder's index so that only s3: URLs load the AWS SDK.
export { S3ArtifactStore, type S3ArtifactStoreOptions } from './s3-artifact-store.js';
export { createS3ArtifactStore, createS3Client, type S3Credentials } from './create-s3-artifact-store.js';
export { parseS3ArtifactUrl, type S3ArtifactUrl } from './s3-artifact-url.js';
