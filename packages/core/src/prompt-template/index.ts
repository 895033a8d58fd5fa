export {
  definePrompt,
  type Prompt,
  type PromptDefinition,
  type PromptExample,
} from './define-prompt.js';
export type { PromptVariables, TemplateVariables } from './template-variables.js';
