// The leak page's states: a key named (which layer, how sure, when it fetched the article),
// revoking only when asked, and each reason a fragment failed, with candidates that are not an
// attribution.
import { screen, within } from "@testing-library/react";
import { LeaksPage } from "./LeaksPage";
import { formatProbability } from "./TraceLeak";
import { leaksApi, type TraceResult } from "../../lib/api";
import { fake } from "../../test/fakeConvex";
import { candidate, deletedKeyRecord, leakRecorded, leakRow, NOW, traceFound as found, traceNotFound } from "../../test/fixtures";
import { renderPage } from "../../test/render";
import { QueryBoundary } from "../../ui/States";

vi.mock("convex/react", () => import("../../test/fakeConvex"));

beforeEach(() => {
  fake.reset();
  fake.setQuery(leaksApi.list, []);
});

const wrap = (page: React.ReactNode) => <QueryBoundary>{page}</QueryBoundary>;
const leaked = "A long paragraph of leaked article text copied from somewhere, with its marks.";

function notFound(failure: "too_short" | "no_marks" | "article_not_recognised", withCandidates = true) {
  return traceNotFound(failure, {
    candidates:
      failure === "article_not_recognised" || !withCandidates
        ? []
        : [
            candidate("key_1", { keyName: "Busy key", ownerEmail: "a@example.com", fetched: { count: 9, firstAt: NOW - 7_200_000, lastAt: NOW - 60_000 }, randomKeyMatchProbability: 0.02 }),
            candidate("key_2", { keyName: null, ownerEmail: null, fetched: { count: 1, firstAt: NOW - 60_000, lastAt: NOW - 60_000 }, randomKeyMatchProbability: 0.4 }),
          ],
  });
}

async function trace(result: TraceResult) {
  fake.setQuery(leaksApi.trace, result);
  const rendered = renderPage(wrap(<LeaksPage />));
  await rendered.user.type(screen.getByLabelText("Leaked text"), leaked);
  await rendered.user.click(screen.getByRole("button", { name: "Trace" }));
  expect(fake.lastArgs(leaksApi.trace)).toEqual({ text: leaked });
  return { ...rendered, result: screen.getByRole("region", { name: "Trace result" }) };
}

describe("a key is named", () => {
  test("says which layer matched, how likely a wrong key is, the owner, the article and when the key fetched it", async () => {
    const { result } = await trace(found());
    expect(result).toHaveTextContent("Key identified by the visible choices of words and spacing (the invisible characters were stripped from this copy)");
    expect(result).toHaveTextContent("another of the 20 keys compared would match this copy as well: 3.2 × 10⁻¹⁵");
    expect(result).toHaveTextContent("52 of 52 visible choices match");
    expect(result).toHaveTextContent("Sam <sam@example.com>");
    expect(result).toHaveTextContent("The quiet revolution in night trains (article-42)");
    expect(result).toHaveTextContent(/3 times, first .* last/);
  });

  test.each([
    ["both", "both layers: the invisible characters and the visible choices of words and spacing"],
    ["zero-width", "the invisible characters"],
  ] as const)("explains a match by the %s layer", async (layer, text) => {
    const { result } = await trace(found({ layer, evidence: { choicePoints: 3, choicesMatched: 3, invisibleCharacters: 40, invisibleMatched: 40 } }));
    expect(result).toHaveTextContent(`Key identified by ${text}`);
    expect(result).toHaveTextContent("40 of 40 invisible characters match");
  });

  test("a page holding passages of several articles says their marks were read together", async () => {
    const { result } = await trace(found({ articlesRecognised: 4 }));
    expect(result).toHaveTextContent("The quiet revolution in night trains (article-42) and passages of 3 other articles, whose marks are read together");
  });

  test("a single article mentions no other", async () => {
    const { result } = await trace(found());
    expect(result).not.toHaveTextContent("other article");
  });

  test("'revoke now' is not pre-selected: recording alone leaves the key alone", async () => {
    fake.setMutation(leaksApi.record, () => leakRecorded({ revoked: false }));
    const { user, result } = await trace(found());
    const revoke = within(result).getByRole("checkbox", { name: /Revoke “Scraper key” now/ });
    expect(revoke).not.toBeChecked();
    await user.type(within(result).getByLabelText("Found on"), "https://copycat.example/article-42");
    await user.click(within(result).getByRole("button", { name: "Record leak" }));
    expect(fake.calls(leaksApi.record)[0]!.args).toEqual({ text: leaked, foundOn: "https://copycat.example/article-42", reportedBy: "manual", revoke: false });
    expect(within(result).getByText("Recorded")).toBeInTheDocument();
  });

  test("revokes only when the admin ticks the box, and asks where the copy was found", async () => {
    fake.setMutation(leaksApi.record, () => leakRecorded({ revoked: true }));
    const { user, result } = await trace(found());
    await user.click(within(result).getByRole("checkbox", { name: /Revoke “Scraper key” now/ }));
    await user.click(within(result).getByRole("button", { name: "Record leak and revoke key" }));
    expect(within(result).getByText(/Say where the copy was found/)).toBeInTheDocument();
    expect(fake.calls(leaksApi.record)).toHaveLength(0);
    await user.type(within(result).getByLabelText("Found on"), "https://copycat.example/article-42");
    await user.click(within(result).getByRole("button", { name: "Record leak and revoke key" }));
    expect(fake.calls(leaksApi.record)[0]!.args).toMatchObject({ revoke: true });
  });

  // Since tombstones (#11), a deleted key keeps its name, prefix and tier as evidence: the page
  // names it and marks it deleted (it used to show the bare id), and offers no revoke.
  test("a deleted key is still named from its tombstone, marked deleted, and cannot be revoked", async () => {
    const { result } = await trace(found({ key: null, record: deletedKeyRecord({ name: "Scraper key", start: "nak_pk_sc99" }) }));
    const key = within(result).getByText("Key").nextElementSibling!;
    expect(key).toHaveTextContent("Scraper key");
    expect(key).toHaveTextContent("nak_pk_sc99… key_9");
    expect(key).toHaveTextContent("Deleted");
    expect(key).toHaveTextContent(/deleted .*ago/);
    expect(within(result).queryByRole("checkbox")).toBeNull();
  });
});

describe("no key is named", () => {
  test("too short on an article with no visible choices: says only an unstripped copy can be traced", async () => {
    const { result } = await trace(traceNotFound("too_short", { charactersNeeded: null }));
    expect(result).toHaveTextContent("This article offers too few visible choices to name a key once its invisible characters are stripped: only an unstripped copy can be traced.");
  });

  test("too short: says so, names the article and lists the keys that fetched it as candidates, not an attribution", async () => {
    const { result } = await trace(notFound("too_short"));
    expect(result).toHaveTextContent("Too short to name a key. Reason for too_short.");
    expect(result).toHaveTextContent("The text is from The quiet revolution in night trains (article-42), recognised from 96% of its passages.");
    expect(result).toHaveTextContent("This article needs about 1,200 characters to name a key once its invisible characters are stripped (a few hundred while they survive).");
    expect(within(result).getByRole("heading", { name: "Candidates — not an attribution" })).toBeInTheDocument();
    const rows = within(within(result).getByRole("table")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Busy key · a@example.com");
    expect(rows[0]).toHaveTextContent(/9 times/);
    expect(rows[1]).toHaveTextContent("key_2 (deleted)");
    expect(result).not.toHaveTextContent("Key identified");
    expect(within(result).queryByRole("button", { name: /Record leak/ })).toBeNull();
  });

  test("a leading candidate is shown as such, with how rarely a wrong key would match as well, and is still not an attribution", async () => {
    const { result } = await trace({ ...notFound("too_short"), leading: { apiKeyId: "key_1", falseAttributionProbability: 4.1e-5 } });
    const leading = within(result).getByRole("note", { name: "Leading candidate" });
    expect(leading).toHaveTextContent("Leading candidate, not an attribution: Busy key · a@example.com.");
    expect(leading).toHaveTextContent("Among the 20 keys compared, one would match this well by chance about 1 time in 24,000; a key is named only below 1 in 1,000,000.");
    expect(leading).toHaveTextContent("Paste more of the same copy (other pages of the same site) together with this text: the marks of every passage are read together.");
    const rows = within(within(result).getByRole("table")).getAllByRole("row").slice(1);
    expect(within(rows[0]).getByText("leading")).toBeInTheDocument();
    expect(within(rows[1]).queryByText("leading")).toBeNull();
    expect(within(result).queryByRole("button", { name: /Record leak/ })).toBeNull();
    expect(within(result).queryByRole("checkbox")).toBeNull();
  });

  test("without a leading candidate no candidate is singled out", async () => {
    const { result } = await trace(notFound("too_short"));
    expect(within(result).queryByRole("note", { name: "Leading candidate" })).toBeNull();
    expect(within(result).queryByText("leading")).toBeNull();
  });

  test("no marks: the fragment was long enough but carried no key's marks", async () => {
    const { result } = await trace(notFound("no_marks", false));
    expect(result).toHaveTextContent("No marks found. Reason for no_marks.");
    expect(within(result).queryByRole("table")).toBeNull();
  });

  test("article not recognised: no article, no candidates", async () => {
    const { result } = await trace(notFound("article_not_recognised"));
    expect(result).toHaveTextContent("Article not recognised. Reason for article_not_recognised.");
    expect(result).not.toHaveTextContent("The text is from");
    expect(within(result).queryByRole("table")).toBeNull();
  });
});

describe("the page", () => {
  test("asks for enough text before tracing", async () => {
    fake.setQuery(leaksApi.trace, () => {
      throw new Error("must not be queried");
    });
    const { user } = renderPage(wrap(<LeaksPage />));
    await user.type(screen.getByLabelText("Leaked text"), "too short");
    await user.click(screen.getByRole("button", { name: "Trace" }));
    expect(screen.getByText(/at least a paragraph/)).toBeInTheDocument();
  });

  test("resolves a recorded leak", async () => {
    fake.setQuery(leaksApi.list, [leakRow({ _id: "l1", foundOn: "copycat.example" })]);
    fake.setMutation(leaksApi.resolve, () => null);
    const { user } = renderPage(wrap(<LeaksPage />));
    expect(fake.lastArgs(leaksApi.list)).toEqual({ resolved: false });
    await user.click(screen.getByRole("button", { name: "Resolve leak on copycat.example" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Resolve leak" }));
    expect(fake.calls(leaksApi.resolve)[0]!.args).toEqual({ leakId: "l1" });
  });

  test("the leak list's failure does not take the tracer down", () => {
    fake.setQuery(leaksApi.list, new Error("Could not find public function for 'admin/leaks:list'"));
    renderPage(wrap(<LeaksPage />));
    expect(screen.getByRole("alert")).toHaveTextContent("not available yet");
    expect(screen.getByLabelText("Leaked text")).toBeInTheDocument();
  });

  test("probabilities read as powers of ten", () => {
    expect(formatProbability(3.2e-15)).toBe("3.2 × 10⁻¹⁵");
    expect(formatProbability(0.25)).toBe("0.250");
    expect(formatProbability(0)).toBe("< 10⁻³⁰⁰");
  });
});
