/**
 * Hand-written English prose for the watermark tests: nothing here comes from the demo catalogue,
 * so the tests and the bench show the visible layer working on what customers bring. Test and bench data only.
 */

/** A news report: dates, numbers, reported speech, a list, a contraction. */
export const NEWS = `The city council voted on Tuesday to expand the bike-lane network, although several members warned that the cost could double before the work is finished. Officials said that the project would take about three years and would not require new taxes. Critics, however, argue that the plan ignores the neighborhoods that need safer streets the most.

"We're building for the people who already cycle," one resident said at the meeting. "Everyone else is still waiting for a bus that doesn't come." By contrast, the mayor insisted that the first 12 kilometers would be open by spring, and that more than 40 percent of the budget was already committed.

In the end, the vote was closer than expected. Seven members supported the plan, four opposed it and two abstained. Meanwhile, a group of shop owners said they had not been consulted, and some of them plan to challenge the decision in court. For now, the council has promised a public hearing on each new route.`;

/** A personal essay: long sentences, contractions, optional commas, few numbers. */
export const ESSAY = `I learned to cook in my grandmother's kitchen, and I didn't realize until much later how much of it was improvisation. She never measured anything. If you asked her how much flour went into the bread, she'd shrug and say that you'd know when the dough felt right. At the time I thought she was being difficult, but I now suspect she simply couldn't explain it.

Years later, living alone in a small apartment, I tried to rebuild her recipes from memory. Most of them failed. The soup was too thin, the bread was too dense and the cake collapsed in the middle. Still, each failure taught me something, and eventually I began to understand what she had meant. Cooking, it turns out, is mostly a matter of paying attention.

Today I cook for my own children. They ask me for the exact amounts, and I find myself shrugging the way she did. Perhaps that is how it always goes: we inherit the gestures long before we understand them. I'm not sure my children will remember the recipes, but I hope they'll remember the kitchen.`;

/** A report in British spelling: -ise verbs, -our nouns, per cent, organisations. */
export const REPORT = `The organisation has analysed the behaviour of more than 2,000 households over the past decade. Its researchers found that families who moved into the city centre spent roughly 15 per cent less on transport, although they paid considerably more in rent. The report's authors emphasise that the figures are averages and that the picture varies from one neighbourhood to the next.

In particular, the study highlights the role of local councils. Where councils prioritised bus lanes and cycle routes, car ownership fell sharply; where they did not, it barely changed. The authors recognise that other factors are at work, for example the cost of parking and the availability of jobs nearby.

Nevertheless, the conclusion is clear. Transport policy shapes household budgets as much as housing policy does, and the two should be planned together. The organisation plans to publish a second report next year, focusing on rural areas, where the colour of the debate is rather different.`;

/** Technical prose with few choice points: identifiers, short declaratives, little that varies. */
export const TECHNICAL = `The scheduler reads jobs from a queue and assigns each job to a worker. A worker runs one job at a time. When a job finishes, the worker reports its exit code and asks for the next job. Jobs that exit with a non-zero code are retried with exponential backoff, up to a configured limit. The queue keeps jobs in order of priority, then in order of arrival. Each worker sends a heartbeat every ten seconds. A worker that misses three heartbeats is marked dead, and its job returns to the queue. The scheduler stores its state in a single table with one row per job. Each row holds the job's identifier, its priority, its state, its attempts and the time of its last change. Reads use an index on state and priority. Writes change one row. The design favours simple recovery over throughput: after a crash, the scheduler rebuilds its view of the world from the table alone.`;

export const PROSE = { NEWS, ESSAY, REPORT, TECHNICAL };
