namespace SalesAlign.Web.Components;

/// <summary>The wire's camelCase values (teams, roles, routes, rule kinds) as a person reads them.</summary>
public static class Words
{
    /// <summary>Values people read as abbreviations: a rule kind or funnel stage <c>mql</c> is "MQL", not "Mql".</summary>
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal) { ["mql"] = "MQL", ["sql"] = "SQL" };

    /// <summary><c>sales</c> → "Sales", <c>changesRequested</c> → "Changes requested", <c>mql</c> → "MQL".</summary>
    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (Abbreviations.TryGetValue(value, out var abbreviation))
            return abbreviation;
        var text = new System.Text.StringBuilder(value.Length + 4);
        text.Append(char.ToUpperInvariant(value[0]));
        foreach (var c in value.AsSpan(1))
        {
            if (char.IsUpper(c))
                text.Append(' ').Append(char.ToLowerInvariant(c));
            else
                text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>Lower case, for the middle of a sentence ("2 more sales approvals").</summary>
    public static string Lower(string? value) => Of(value).ToLowerInvariant();
}
