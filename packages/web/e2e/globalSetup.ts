// Vitest global setup of the e2e run: one stack (offline backend + built web app) for every
// journey, its URLs and demo credentials handed to the tests with `provide`.
import type { TestProject } from "vitest/node";
import { startStack, type StackInfo } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const stack = await startStack();
  console.log(`e2e stack ready in ${Date.now() - started} ms: web ${stack.webUrl}, convex ${stack.convexUrl}, site ${stack.siteUrl}`);
  const { stop, ...info } = stack;
  project.provide("stack", info);
  return async () => {
    await stop();
  };
}
