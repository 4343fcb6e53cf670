using System.Text.RegularExpressions;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Playbooks;

/// <summary>The rules behind <see cref="PlaybookDocumentValidator"/>, section by section.</summary>
internal sealed partial class DocumentChecker(PlaybookDocument document)
{
    public const int MaxListItems = 500;
    public const double MaxPoints = 10_000;
    public const double MaxDecayDays = 3650;

    private readonly List<DocumentValidationProblem> _problems = [];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex KeyPattern();

    public void Add(string path, string code, string message) => _problems.Add(new(path, code, message));

    public List<DocumentValidationProblem> Check()
    {
        if (document.SchemaVersion != PlaybookDocument.CurrentSchemaVersion)
            Add("/schemaVersion", "schema.unsupported", $"Schema version {document.SchemaVersion} is not supported; use {PlaybookDocument.CurrentSchemaVersion}.");

        CheckFields();
        Keys("/eventTypes", document.EventTypes, e => e.Key, "event type");
        Labels("/eventTypes", document.EventTypes, e => e.Label);
        CheckIcp();
        CheckScoring();

        var conditions = new ConditionChecker(this, document);
        conditions.Check(document.Mql.Condition, "/mql/condition", allowBuiltIns: true);
        if (document.Sql.Checklist.Count is 0 or > 50)
            Add("/sql/checklist", "sql.count", "The SQL checklist needs 1 to 50 checks.");
        Keys("/sql/checklist", document.Sql.Checklist, c => c.Id, "SQL check");
        Labels("/sql/checklist", document.Sql.Checklist, c => c.Label);
        for (var i = 0; i < document.Sql.Checklist.Count; i++)
            conditions.Check(document.Sql.Checklist[i].Condition, $"/sql/checklist/{i}/condition", allowBuiltIns: false);
        for (var i = 0; i < document.Icp.Criteria.Count; i++)
            conditions.Check(document.Icp.Criteria[i].Condition, $"/icp/criteria/{i}/condition", allowBuiltIns: false);

        new FunnelChecker(this, document).Check();
        CheckApproval();
        return _problems;
    }

    private void CheckApproval()
    {
        if (document.Approval is not { } approval)
            return;
        if (approval.MarketingApprovals is < 0 or > 5)
            Add("/approval/marketingApprovals", "number.out_of_range", "Between 0 and 5 marketing approvals.");
        if (approval.SalesApprovals is < 0 or > 5)
            Add("/approval/salesApprovals", "number.out_of_range", "Between 0 and 5 sales approvals.");
        if (approval.MarketingApprovals + approval.SalesApprovals == 0)
            Add("/approval", "approval.none", "At least one approval is required: both teams sign off on the agreement.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < approval.SectionOwners.Count; i++)
        {
            var owner = approval.SectionOwners[i];
            var section = owner.Path.TrimStart('/').Split('/')[0];
            if (!owner.Path.StartsWith('/') || !DocumentSchema.SectionTitles.ContainsKey(section))
                Add($"/approval/sectionOwners/{i}/path", "approval.section_unknown", $"'{owner.Path}' is not a section of the document (e.g. /sql, /icp/criteria).");
            else if (!seen.Add(owner.Path))
                Add($"/approval/sectionOwners/{i}", "key.duplicate", $"There is already a section owner for '{owner.Path}'.");
            if (owner.Approvals is < 1 or > 5)
                Add($"/approval/sectionOwners/{i}/approvals", "number.out_of_range", "Between 1 and 5 approvals.");
        }
    }

    private void CheckFields()
    {
        Keys("/fields", document.Fields, f => f.Key, "field");
        Labels("/fields", document.Fields, f => f.Label);
        for (var i = 0; i < document.Fields.Count; i++)
        {
            var field = document.Fields[i];
            var path = $"/fields/{i}";
            if (BuiltInOperands.IsBuiltIn(field.Key))
                Add($"{path}/key", "key.reserved", $"'{field.Key}' is reserved for the MQL rule's built-in values.");
            var values = field.AllowedValues;
            if (field.Type is FieldType.Choice or FieldType.MultiChoice)
            {
                var max = field.Type == FieldType.MultiChoice ? 64 : MaxListItems;
                if (values is null || values.Count == 0 || values.Count > max)
                {
                    Add($"{path}/allowedValues", "field.allowed_values_count", $"A {Camel(field.Type)} field needs 1 to {max} allowed values.");
                    continue;
                }
                for (var v = 0; v < values.Count; v++)
                {
                    if (string.IsNullOrWhiteSpace(values[v]) || values[v].Length > 200)
                        Add($"{path}/allowedValues/{v}", "field.allowed_value_invalid", "Allowed values are non-empty and at most 200 characters.");
                    else if (values.Take(v).Contains(values[v], StringComparer.OrdinalIgnoreCase))
                        Add($"{path}/allowedValues/{v}", "field.allowed_value_duplicate", $"'{values[v]}' is listed twice (values compare case-insensitively).");
                }
            }
            else if (values is not null)
            {
                Add($"{path}/allowedValues", "field.allowed_values_unexpected", $"Only choice and multiChoice fields have allowed values; '{field.Key}' is {Camel(field.Type)}.");
            }
        }
    }

    private void CheckIcp()
    {
        var criteria = document.Icp.Criteria;
        Keys("/icp/criteria", criteria, c => c.Id, "criterion");
        Labels("/icp/criteria", criteria, c => c.Label);
        for (var i = 0; i < criteria.Count; i++)
            Points($"/icp/criteria/{i}/points", criteria[i].Points, allowZero: true);

        var bands = document.Icp.GradeBands;
        Keys("/icp/gradeBands", bands, b => b.Grade, "grade");
        if (bands.Count == 0)
        {
            Add("/icp/gradeBands", "bands.missing", "At least one grade band is needed to grade leads.");
            return;
        }
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].Min is { } lo && bands[i].Max is { } hi && !(lo < hi))
                Add($"/icp/gradeBands/{i}", "bands.empty", $"Band '{bands[i].Grade}' has min {lo} not below max {hi}.");
            if (bands[i].Min is { } m && !double.IsFinite(m) || bands[i].Max is { } x && !double.IsFinite(x))
                Add($"/icp/gradeBands/{i}", "number.not_finite", "Band limits must be finite numbers.");
        }

        var order = Enumerable.Range(0, bands.Count).OrderBy(i => bands[i].Min ?? double.NegativeInfinity).ToList();
        if (bands.Count(b => b.Min is null) != 1 || bands[order[0]].Min is not null)
            Add("/icp/gradeBands", "bands.gap", "Exactly one band must have no minimum, so every fit score gets a grade.");
        if (bands.Count(b => b.Max is null) != 1 || bands[order[^1]].Max is not null)
            Add("/icp/gradeBands", "bands.gap", "Exactly one band must have no maximum, so every fit score gets a grade.");
        for (var k = 0; k + 1 < order.Count; k++)
        {
            var (lower, upper) = (bands[order[k]], bands[order[k + 1]]);
            var (end, start) = (lower.Max ?? double.PositiveInfinity, upper.Min ?? double.NegativeInfinity);
            if (end > start)
                Add($"/icp/gradeBands/{order[k + 1]}", "bands.overlap", $"Bands '{lower.Grade}' and '{upper.Grade}' overlap: a score can't have two grades.");
            else if (end < start)
                Add($"/icp/gradeBands/{order[k + 1]}", "bands.gap", $"Scores from {end} to {start} fall between bands '{lower.Grade}' and '{upper.Grade}'.");
        }
    }

    private void CheckScoring()
    {
        var rules = document.Scoring.Rules;
        Keys("/scoring/rules", rules, r => r.Id, "engagement rule");
        var eventTypes = document.EventTypes.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var (rule, path) = (rules[i], $"/scoring/rules/{i}");
            if (!eventTypes.Contains(rule.EventType))
                Add($"{path}/eventType", "event_type.unknown", $"Event type '{rule.EventType}' is not declared in /eventTypes.");
            Points($"{path}/points", rule.Points, allowZero: false);
            if (rule.Cap is { } cap && !(double.IsFinite(cap) && cap > 0 && cap <= 100_000))
                Add($"{path}/cap", "number.out_of_range", "A cap must be greater than 0 and at most 100,000.");
            if (rule.Decay is { } decay)
            {
                if (decay.HalfLifeDays is null && decay.ExpiresAfterDays is null)
                    Add($"{path}/decay", "decay.empty", "A decay needs halfLifeDays, expiresAfterDays or both.");
                DecayDays($"{path}/decay/halfLifeDays", decay.HalfLifeDays);
                DecayDays($"{path}/decay/expiresAfterDays", decay.ExpiresAfterDays);
            }
        }
    }

    private void DecayDays(string path, double? days)
    {
        if (days is { } d && !(double.IsFinite(d) && d > 0 && d <= MaxDecayDays))
            Add(path, "decay.out_of_range", $"Must be more than 0 and at most {MaxDecayDays:N0} days; got {d}.");
    }

    private void Points(string path, double points, bool allowZero)
    {
        if (!double.IsFinite(points) || Math.Abs(points) > MaxPoints)
            Add(path, "number.out_of_range", $"Points must be between -{MaxPoints:N0} and {MaxPoints:N0}; got {points}.");
        else if (!allowZero && points == 0)
            Add(path, "number.zero", "A rule worth 0 points does nothing; remove it or give it points.");
    }

    public void Keys<T>(string path, IReadOnlyList<T> items, Func<T, string?> key, string noun)
    {
        if (items.Count > MaxListItems)
            Add(path, "list.too_long", $"At most {MaxListItems} items; got {items.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (string.IsNullOrEmpty(k) || !KeyPattern().IsMatch(k))
                Add($"{path}/{i}", "key.invalid", $"The {noun} key '{k}' must start with a letter and use letters, digits, '_', '.', '-' (at most 64).");
            else if (!seen.Add(k))
                Add($"{path}/{i}", "key.duplicate", $"Another {noun} already uses the key '{k}'.");
        }
    }

    public void Labels<T>(string path, IReadOnlyList<T> items, Func<T, string?> label)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (label(items[i]) is not { Length: > 0 and <= 200 } l || string.IsNullOrWhiteSpace(l))
                Add($"{path}/{i}/label", "label.invalid", "A label is required (at most 200 characters).");
        }
    }

    public static string Camel(FieldType type) => type == FieldType.MultiChoice ? "multiChoice" : type.ToString().ToLowerInvariant();
}
