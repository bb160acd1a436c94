// The sign-in and sign-up forms' fields, parsed with zod at the boundary.
import * as z from "zod/mini";
import { email, text } from "../lib/validation";

export { fieldErrors } from "../lib/validation";

export const signInSchema = z.object({
  email: email(),
  password: z.string().check(z.minLength(1, "Enter your password.")),
});

export const forgotSchema = z.object({ email: email() });

export const resetSchema = z.object({
  password: z.string().check(z.minLength(8, "Use at least 8 characters."), z.maxLength(128, "Use at most 128 characters.")),
});

export const signUpSchema = z.object({
  name: text(1, 80, "Enter your name."),
  email: email(),
  password: z.string().check(z.minLength(8, "Use at least 8 characters."), z.maxLength(128, "Use at most 128 characters.")),
});
