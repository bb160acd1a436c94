// The app's tables. Better Auth's tables (user, session, apikey, …) live in the betterAuth component.
import { defineSchema } from "convex/server";

export default defineSchema({});
