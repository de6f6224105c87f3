export * from './board-simulator.js';
