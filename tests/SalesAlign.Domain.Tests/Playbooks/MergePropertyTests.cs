using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;
using SalesAlign.Domain.Samples;
using static SalesAlign.Domain.Tests.Playbooks.PlaybookEdits;

namespace SalesAlign.Domain.Tests.Playbooks;

/// <summary>
/// Randomized with fixed seeds, so a failure names the seed that reproduces it. Additions append, so the
/// expected document applies our edits before theirs: the merge keeps our order and appends theirs.
/// </summary>
public sealed class MergePropertyTests
{
    private const int Iterations = 300;
    private static readonly PlaybookDocument Base = SamplePlaybooks.B2BSaas();

    [Fact]
    public void Edits_to_disjoint_items_merge_cleanly_into_both_edits()
    {
        for (var seed = 1; seed <= Iterations; seed++)
        {
            var random = new Random(seed);
            var slots = RandomEdits.Slots(Base).OrderBy(_ => random.Next()).ToList();
            var theirEdits = RandomEdits.Pick(random, slots[..4], "theirs");
            var ourEdits = RandomEdits.Pick(random, slots[4..8], "ours");

            var result = DocumentMerge.Merge(Base, theirEdits(Base), ourEdits(Base));

            result.Conflicts.ShouldBeEmpty($"seed {seed}");
            PlaybookJson.ContentHash(result.Document.ShouldNotBeNull($"seed {seed}"))
                .ShouldBe(PlaybookJson.ContentHash(theirEdits(ourEdits(Base))), $"seed {seed}");
        }
    }

    [Fact]
    public void Merging_a_side_with_itself_or_with_the_base_gives_that_side()
    {
        for (var seed = 1; seed <= Iterations; seed++)
        {
            var random = new Random(seed);
            var slots = RandomEdits.Slots(Base).OrderBy(_ => random.Next()).ToList();
            var x = RandomEdits.Pick(random, slots[..6], "x")(Base);
            var expected = PlaybookJson.ContentHash(x);

            var same = DocumentMerge.Merge(Base, x, x);
            var oursOnly = DocumentMerge.Merge(Base, Base, x);
            var theirsOnly = DocumentMerge.Merge(Base, x, Base);

            PlaybookJson.ContentHash(same.Document.ShouldNotBeNull($"seed {seed}")).ShouldBe(expected, $"seed {seed}");
            PlaybookJson.ContentHash(oursOnly.Document.ShouldNotBeNull($"seed {seed}")).ShouldBe(expected, $"seed {seed}");
            PlaybookJson.ContentHash(theirsOnly.Document.ShouldNotBeNull($"seed {seed}")).ShouldBe(expected, $"seed {seed}");
        }
    }

    [Fact]
    public void The_diff_is_empty_exactly_when_the_content_hash_is_unchanged()
    {
        for (var seed = 1; seed <= Iterations; seed++)
        {
            var random = new Random(seed);
            var slots = RandomEdits.Slots(Base).OrderBy(_ => random.Next()).ToList();
            var x = RandomEdits.Pick(random, slots[..random.Next(0, 4)], "x")(Base);

            var changes = DocumentDiff.Compare(Base, x);

            (changes.Count == 0).ShouldBe(PlaybookJson.ContentHash(x) == PlaybookJson.ContentHash(Base), $"seed {seed}");
            changes.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Description) && c.Path.StartsWith('/'), $"seed {seed}");
            DocumentDiff.Compare(x, x).ShouldBeEmpty($"seed {seed}");
        }
    }

    /// <summary>Edits that each touch one item (a slot); edits on different slots never overlap.</summary>
    private static class RandomEdits
    {
        public static IEnumerable<string> Slots(PlaybookDocument doc) =>
            doc.Icp.Criteria.Select(c => "criterion:" + c.Id)
                .Concat(doc.Scoring.Rules.Select(r => "rule:" + r.Id))
                .Concat(doc.Fields.Select(f => "field:" + f.Key))
                .Concat(doc.Stages.Select(s => "stage:" + s.Key))
                .Concat(doc.Handoff.RejectionReasons.Select(r => "reason:" + r.Key))
                .Concat(["stage-order", "add-rule", "add-criterion", "service-level", "mql", "sales-cycle"]);

        public static Func<PlaybookDocument, PlaybookDocument> Pick(Random random, IEnumerable<string> slots, string side)
        {
            var edits = slots.Select(slot => EditFor(random, slot, side)).ToList();
            return doc => edits.Aggregate(doc, (d, edit) => edit(d));
        }

        private static Func<PlaybookDocument, PlaybookDocument> EditFor(Random random, string slot, string side)
        {
            var (kind, key) = slot.IndexOf(':', StringComparison.Ordinal) is var at and > 0 ? (slot[..at], slot[(at + 1)..]) : (slot, "");
            var points = random.Next(-30, 31);
            var variant = random.Next(3);
            var distance = 1 + random.Next(0, 2);
            return kind switch
            {
                "criterion" => variant switch
                {
                    0 => d => d.WithCriterionPoints(key, points),
                    1 => d => d.WithoutCriterion(key),
                    _ => d => d.WithCriterionCondition(key, Gte("companySize", points * 100)),
                },
                "rule" => variant switch
                {
                    0 => d => d.WithRuleEdited(key, r => r with { Points = points }),
                    1 => d => d.WithoutRule(key),
                    _ => d => d.WithRuleEdited(key, r => r with { Cap = r.Cap is null ? 99 : null, Decay = new Decay { HalfLifeDays = 10 } }),
                },
                "field" => variant switch
                {
                    0 => d => d.WithFieldEdited(key, f => f with { Label = f.Label + " (" + side + ")" }),
                    1 => d => d.WithoutField(key),
                    _ => d => d.WithFieldEdited(key, f => f with { AllowedValues = [.. f.AllowedValues ?? [], side], Description = null }),
                },
                "stage" => d => d.WithStageName(key, key + " " + side),
                "reason" => d => d.WithoutRejectionReason(key),
                "stage-order" => d => d.WithStagesSwapped(d.Stages[variant].Key, d.Stages[variant + distance].Key),
                "add-rule" => d => d.WithRule(Rule(side + "-rule", "Rule from " + side, "email_clicked", points)),
                "add-criterion" => d => d.WithCriterion(Criterion(side + "-criterion", "Criterion from " + side, "country", "NL", points)),
                "service-level" => d => d.WithServiceLevel(points + 40),
                "mql" => d => d.WithMqlCondition(Gte("engagementScore", points + 40)),
                "sales-cycle" => d => d with { Targets = d.Targets with { SalesCycleDays = points + 90 } },
                _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Unknown slot."),
            };
        }
    }
}
