import { it } from 'vitest';
it.todo('edge');
