export { ProblemsBanner, problemsForTab } from './ProblemsBanner';
