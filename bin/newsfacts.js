#!/usr/bin/env node
// The CLI is compiled from src/cli by `npm run build` (run by npm install via "prepare").
import '../dist/src/cli/main.js';
