// The Convex app: the locally installed Better Auth component (users, sessions, hashed API keys)
// and the rate limiter component.
import { defineApp } from "convex/server";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import betterAuth from "./betterAuth/convex.config";

const app = defineApp();
app.use(betterAuth);
app.use(rateLimiter);
app.use(workpool, { name: "adminWebhooks" });

export default app;
