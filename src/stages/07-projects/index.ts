import type { Doc, Project } from '../../model.js';
import type { Rules } from '../../rules/load.js';

// PLACEHOLDER — named projects.
export function findProjects(doc: Doc, rules: Rules): Project[] {
  void doc; void rules;
  return [];
}
