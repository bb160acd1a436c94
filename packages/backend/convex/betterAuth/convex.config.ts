// Marks convex/betterAuth as a locally installed component, so its schema (and the apikey table
// the API key plugin adds) is ours to index and extend.
import { defineComponent } from "convex/server";

const component = defineComponent("betterAuth");

export default component;
