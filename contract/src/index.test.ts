import { describe, expect, it } from '@jest/globals';
import { API_GROUP } from './index.js';

describe('contract', () => {
  it('names the API group', () => {
    expect(API_GROUP).toBe('switchyard.dev');
  });
});
