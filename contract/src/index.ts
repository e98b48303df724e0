export const API_GROUP = 'switchyard.dev';
