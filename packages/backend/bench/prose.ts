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

/** A science explainer: definitions, numbers, cautious claims. */
export const SCIENCE = `When a star much heavier than the Sun runs out of fuel, its core collapses in less than a second. What happens next depends on its mass. If the core is below about three solar masses, it becomes a neutron star, an object so dense that a teaspoon of it would weigh roughly a billion tonnes on Earth. If it is heavier, nothing we know of can stop the collapse, and it becomes a black hole.

Astronomers can't see black holes directly, but they can watch what they do to their surroundings. Gas that falls towards one heats up and glows in X-rays long before it crosses the event horizon. In 2015, detectors in the United States picked up ripples in space itself from two black holes that had merged more than a billion years ago. The signal lasted a fifth of a second. Since then, researchers have recorded about 90 such events, and they think that many more are too faint to detect with today's instruments.

There is still a great deal we don't understand. Nobody is sure how the largest black holes, which sit at the centres of galaxies, grew so big so quickly after the Big Bang.`;

/** Fiction: narration, dialogue, few numbers. */
export const FICTION = `The train was late again, and Mara had given up pretending she didn't mind. She stood at the end of the platform where the wind was worst, because nobody else would stand there, and watched the rails for the small tremor that meant something was coming.

"You'll freeze," her brother said when he finally found her. He had brought two coffees, which was kind of him, though he had forgotten that she took hers without sugar.

"I'm fine," she said. "It's only twenty minutes."

"It was twenty minutes an hour ago." He handed her a cup anyway. They drank in silence for a while. Across the tracks, a man in a yellow coat was feeding the pigeons, and the birds had gathered around him as if they had been waiting all day for exactly this.

When the train arrived at last, it was almost empty. Mara took a seat by the window and her brother sat opposite her, and for a long time neither of them said what they were both thinking. It was their father's birthday, and it was the first one he wouldn't see.`;

/** Business news: companies, figures, quotes, forecasts. */
export const BUSINESS = `Shares in the retailer fell by 12 percent on Thursday after it warned that sales over the holiday season had been weaker than expected. The company said it now expects annual revenue of around $4.2 billion, down from the $4.6 billion it had forecast in September, and that it will close 30 of its stores by the end of next year.

Analysts said the warning was not a complete surprise. Spending on clothing has slowed across the industry as households cut back, and several rivals have reported similar problems. "They were too slow to move online, and they're paying for it now," said one analyst who follows the sector. Others pointed out that the company still has little debt and a loyal base of customers.

The chief executive, who took over last year, told investors that the closures were part of a plan to focus on fewer, larger stores. She said that the company would invest in its website and that it hoped to return to growth within two years. However, she declined to say how many jobs would be lost.`;

/** A history essay: dates, long sentences, subordinate clauses. */
export const HISTORY = `For most of the nineteenth century, the fastest way to send a message across the Atlantic was to put it on a ship. A letter from London to New York took about ten days, and a reply took another ten. When the first telegraph cable was laid across the ocean in 1858, it seemed as though the world had suddenly shrunk. Queen Victoria sent a greeting to President Buchanan, and cities on both sides of the water celebrated with fireworks.

The celebrations were premature. The cable was poorly insulated, and the engineers, who didn't fully understand the physics of long undersea lines, tried to push more current through it. Within a month it had failed completely. It took another eight years, several more expeditions and a great deal of money before a working cable was finally in place.

Historians have often described the cable as the beginning of a global economy. Prices in one market could now be known in another within minutes, and traders quickly learned to take advantage of the difference. Although it is easy to exaggerate, the change was real, and it was felt far beyond the offices of bankers and merchants.`;

/** A how-to blog post: second person, instructions, contractions. */
export const BLOG = `If you've ever tried to grow tomatoes on a balcony, you know that the hardest part isn't planting them. It's keeping them alive through the middle of summer, when the pots dry out by lunchtime and the leaves start to curl. Here's what I've learned after five seasons of mostly getting it wrong.

First, use bigger pots than you think you need. A single plant wants at least 20 liters of soil, and more is better, because a larger pot holds water for longer. Second, water in the morning rather than the evening. The plants use most of the water during the day, and wet leaves overnight invite disease.

Third, don't overfeed them. It's tempting to add fertilizer every week, but too much nitrogen gives you a lush green plant with very few flowers. I now feed mine once every two weeks, and only after the first fruit has set. Finally, be patient. Tomatoes ripen slowly, and a fruit that looks ready will often taste better if you leave it on the vine for another three or four days.`;

export const PROSE = { NEWS, ESSAY, REPORT, TECHNICAL };
/** More hand-written prose of other kinds, for the bench (not used to choose the list). */
export const MORE_PROSE = { SCIENCE, FICTION, BUSINESS, HISTORY, BLOG };

/** A match report: past tense, names, scores. */
export const SPORTS = `The visitors took the lead after only six minutes, when their captain curled a free kick over the wall and into the top corner. For the rest of the first half the home side had most of the ball but did little with it, and the crowd grew restless. Their manager made two changes at the break, and the game turned almost at once.

The equaliser came from a corner just before the hour. The goalkeeper came off his line to punch it clear, missed, and the ball dropped to a defender who had stayed forward. He didn't waste the chance. Ten minutes later the same player won a penalty, which the striker struck low to the keeper's left.

The visitors pushed for a second goal in the closing stages and hit the post twice. "We deserved something from the game," their coach said afterwards, "but you have to take your chances, and we didn't." The win lifts the home side to fourth in the table, three points behind the leaders with a game in hand.`;

/** A product review: first person, judgements, comparisons. */
export const REVIEW = `I have used this laptop every day for the past two months, mostly for writing and the occasional photo edit, and it has been a pleasant surprise. The screen is bright enough to work outside on a cloudy day, the keyboard is quiet, and the battery easily lasts a full working day. On a long train journey last week it still had a third of its charge left when I arrived.

It isn't perfect. The speakers are thin, the webcam is grainy in anything but good light, and the fan becomes noticeable when you export large files. The machine also runs warm on your lap, which matters more than the spec sheet suggests if you work from the sofa.

Is it worth the price? For most people who want a reliable machine for documents, email and browsing, I think it is. If you edit video for a living, you will want something with more memory and a better graphics chip. But for everyone else, this is the laptop I would recommend to a friend, and it's the one I will keep using.`;

/** A travel piece: description, place names, second person. */
export const TRAVEL = `The road to the village climbs for an hour through olive groves and then gives up, leaving you to walk the last stretch on a stony path. It is worth the effort. The houses are built into the hillside, one above the other, and from the square at the top you can see the whole valley and, on a clear morning, the sea.

There is one café, which opens when the owner feels like it, and one shop, which sells bread, tomatoes and very strong coffee. Most visitors come for the day and leave before dark, so if you stay the night you may have the place almost to yourself. The guesthouse has five rooms, and the best of them has a balcony that looks over the church roof.

Go in spring, when the hills are green and the paths are lined with wild flowers. In August the heat is fierce, and the walk up from the car park becomes an ordeal. Bring cash: the nearest machine is in the town below, and nobody here takes cards.`;

/** An opinion piece on policy: argument, hedging, long sentences. */
export const OPINION = `Every few years the government announces a plan to fix the housing shortage, and every few years the number of homes built falls short of the target. The reasons are not mysterious. Land near jobs is expensive, planning rules make it slow to build on, and the people who already own homes have every incentive to keep it that way.

It would be easy to blame developers, and some of them deserve it. But the larger problem is that the rewards of building are spread thinly while the costs fall on a few. A new block of flats helps thousands of future renters who do not yet live in the area and cannot vote there. The neighbours who lose a view or a parking space are few, but they live there now, and they turn up to meetings.

Any serious plan has to change that balance. One option is to give local councils a share of the tax raised from new homes, so that growth pays for schools and roads. Another is to set clear rules in advance, so that a project which meets them cannot be blocked at the last minute.`;

/** Prose written in the fourth session before its families were chosen (since used to choose the fifth's). */
export const HELD_OUT_PROSE = { SPORTS, REVIEW, TRAVEL, OPINION };

// Written at the start of the fifth session, before any of its families were chosen, and never read
// while choosing them: the figures on these are the honest ones for text the list was not tuned to.

export const POLICY = `From 1 March, tenants who want to keep a pet will need to ask their landlord in writing. The landlord must reply within 28 days and can refuse only for a good reason, such as a lease that bans animals in the whole building. A landlord who says nothing within that time is treated as having agreed.

The change follows a long campaign by animal charities, which argued that thousands of pets were given up every year because their owners could not find a place to rent. Landlords' groups had warned that damage to carpets and gardens would rise. The final rules try to meet them halfway: a landlord may now ask for insurance that covers pet damage, and may take the cost from the deposit if the tenant refuses to buy it.

Existing agreements are not affected until they are renewed. Tenants who already keep an animal with their landlord's permission do not need to apply again, but those who have been keeping one without asking should do so before their next renewal.`;

export const RECIPE = `This is the soup I make when the fridge is nearly empty and everyone is tired. It takes half an hour, uses one pot and tastes better the next day, which is why I always cook twice as much as we need.

Start by softening a chopped onion in a little oil over a low heat. Don't rush this part: the onion should turn soft and sweet, not brown. Add two cloves of garlic and a teaspoon of cumin, stir for a minute, then tip in a tin of tomatoes and a litre of stock. Bring it to the boil and add a cup of red lentils.

Let it simmer for about twenty minutes, stirring now and then so the lentils don't stick to the bottom. When they have broken down, taste it and add salt, pepper and a squeeze of lemon. You can blend it if you like a smooth soup, but I prefer it rough. Serve it with bread, a spoonful of yoghurt and whatever herbs you have left.`;

export const INTERVIEW = `When we met at her studio in the old docks, the painter had just come back from a month in the mountains. She was still unpacking boxes of sketches, and she apologised for the mess before I had even sat down.

"I go there every winter," she told me. "Nobody knows me, the light is very clean, and I can't get a signal on my phone, which is probably the main reason I get anything done." She laughed and pushed a pile of drawings towards me. Most of them were of the same ridge, drawn at different times of day.

Asked whether she ever worries about repeating herself, she shook her head. "People think the subject is the mountain. It isn't. The subject is the weather between me and the mountain, and that is never the same twice." Her new show opens next month, and she says she has already started planning the next trip.`;

export const MEDICAL = `Most people who catch the virus recover within a week, but a small number go on to have symptoms for months. Researchers still do not fully understand why. Some patients report tiredness that gets worse after even light exercise, while others describe trouble concentrating or a racing heart when they stand up.

A large study published last year followed nearly 5,000 adults for two years after their infection. It found that the risk of long-lasting symptoms was higher in women, in people who had been admitted to hospital, and in those who had not been vaccinated. However, the authors cautioned that many of the patients had other conditions before they fell ill, which makes it hard to separate cause from coincidence.

Doctors advise patients to pace themselves rather than push through fatigue, and to keep a diary of what makes their symptoms better or worse. Several clinics now offer programmes that combine gentle exercise with advice on sleep and diet.`;

export const FRESH_PROSE = { POLICY, RECIPE, INTERVIEW, MEDICAL };

// Written in the eighth session, never read while choosing the list: typeset prose, with the marks a
// publisher's copy carries and an ASCII-only copy deletes (unspaced em dashes, en-dash ranges, pound
// and euro signs, curly quotes, an ellipsis).

/** A travel feature, British and typeset: em dashes between words, ranges, currency signs. */
export const ISLAND = `The ferry to the island runs twice a day—once at dawn and once in the late afternoon—and in winter it often does not run at all. A return ticket costs £18, or €21 if you pay on board, and the crossing takes about 40 minutes when the sea is calm.

The island’s population has fallen from roughly 900 in the 1950s to fewer than 200 today. Most of those who stayed work in fishing or tourism, and the school—which once had four classrooms—now teaches eleven children in a single room. “We’re not dying,” the harbour master told me. “We’re just getting smaller.”

In 2015–2020 the council spent £1.2 million on a new pier, a project that locals describe as either a lifeline or a waste of money—depending on whom you ask. Visitor numbers rose by 30 per cent in the first year after it opened, although they have since levelled off. The season runs from May–September; outside it, the only café closes and the shop opens for three hours a day…

Still, people keep coming back. Some come for the birds—puffins nest on the western cliffs from April—and some for the silence. Others, I suspect, come because the island is one of the few places left where nobody can reach them.`;

/** A magazine column, American and typeset: em dashes for asides, a range of pages, a quote within a quote. */
export const COLUMN = `Every writer I know keeps a file of sentences that didn’t make it—lines that were too clever, too long or simply in the wrong place. Mine runs to about 40 pages. I rarely open it, but I can’t bring myself to delete it either.

My editor calls it “the graveyard,” and she isn’t wrong. Most of what’s in there deserved to die. Still, every few months I find something worth rescuing—a phrase that finally fits, or an image that works better in a different essay than the one it was written for. Last spring a single line from 2019 became the opening of a piece that ran to pages 12–18 of the magazine.

The lesson, if there is one, is that cutting isn’t the same as losing. A sentence you remove today may be exactly what you need next year—provided you kept it somewhere you can find it. “Write it down,” my first teacher told us, “and then be brave enough to throw it away.” She never said where to throw it.

So I keep the file. It’s messy and mostly useless, and I wouldn’t trade it for anything.`;

export const TYPESET_PROSE = { ISLAND, COLUMN };
