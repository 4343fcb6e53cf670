namespace SalesAlign.Domain.Playbooks;

/// <summary>
/// Where the document holds lists of identified items. Diff and merge match those items by key, not by
/// position, so reordering a keyed list is not a change (except for stages, whose order is the funnel).
/// </summary>
public static class DocumentSchema
{
    /// <param name="Path">JSON Pointer of the list, e.g. <c>/icp/criteria</c>.</param>
    /// <param name="KeyProperty">The property that identifies an item.</param>
    /// <param name="LabelProperty">The property people recognise an item by.</param>
    /// <param name="Noun">What an item is called in a sentence ("criterion").</param>
    /// <param name="OrderMatters">Whether moving items is a change in meaning.</param>
    public sealed record KeyedList(string Path, string KeyProperty, string LabelProperty, string Noun, bool OrderMatters);

    public static IReadOnlyList<KeyedList> KeyedLists { get; } =
    [
        new("/fields", "key", "label", "field", OrderMatters: false),
        new("/eventTypes", "key", "label", "event type", OrderMatters: false),
        new("/icp/criteria", "id", "label", "criterion", OrderMatters: false),
        new("/icp/gradeBands", "grade", "grade", "grade band", OrderMatters: false),
        new("/scoring/rules", "id", "label", "engagement rule", OrderMatters: false),
        new("/sql/checklist", "id", "label", "SQL check", OrderMatters: false),
        new("/stages", "key", "name", "stage", OrderMatters: true),
        new("/handoff/rejectionReasons", "key", "label", "rejection reason", OrderMatters: false),
        new("/targets/conversions", "from", "from", "conversion target", OrderMatters: false),
        new("/approval/sectionOwners", "path", "path", "section owner", OrderMatters: false),
    ];

    /// <summary>People-facing names of the top-level sections, used at the start of change descriptions.</summary>
    public static IReadOnlyDictionary<string, string> SectionTitles { get; } = new Dictionary<string, string>
    {
        ["schemaVersion"] = "Schema",
        ["fields"] = "Fields",
        ["eventTypes"] = "Event types",
        ["icp"] = "ICP",
        ["scoring"] = "Engagement scoring",
        ["mql"] = "MQL rule",
        ["sql"] = "SQL checklist",
        ["stages"] = "Stages",
        ["handoff"] = "Hand-off",
        ["targets"] = "Targets",
        ["approval"] = "Approval policy",
    };

    public static KeyedList? FindKeyedList(string path) =>
        KeyedLists.FirstOrDefault(k => k.Path == path);
}
