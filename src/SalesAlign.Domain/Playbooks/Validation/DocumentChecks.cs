using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>Checks shared by every section: keys, labels, list sizes and numbers.</summary>
internal static partial class DocumentChecks
{
    public const int MaxLabelLength = 200;
    public const int MaxDescriptionLength = 2000;

    // \z rather than $: $ also matches before a trailing newline, which would let "key\n" through.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>
    /// Checks the key of every item and reports duplicates on the later occurrence. Keys that differ only in
    /// case count as duplicates: people read "Title" and "title" as the same thing, and CRMs often do too.
    /// </summary>
    /// <returns>The first index of each well-formed key, for reference checks elsewhere.</returns>
    public static Dictionary<string, int> CheckKeys<T>(
        ProblemSink sink, IReadOnlyList<T>? items, string listPath, string keyProperty, string noun, Func<T, string?> key)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (items is null)
            return firstIndex;
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{listPath}/{i}/{keyProperty}";
            if (items[i] is null)
                continue;
            var value = key(items[i]);
            if (!CheckKey(sink, path, value, noun))
                continue;
            if (firstIndex.TryGetValue(value!, out var first))
                sink.Add(path, PlaybookErrorCodes.KeyDuplicate, $"{Capitalize(noun)} '{value}' is used twice; the first is at {listPath}/{first}.");
            else
                firstIndex[value!] = i;
        }
        return firstIndex;
    }

    public static bool CheckKey(ProblemSink sink, string path, string? value, string noun)
    {
        if (string.IsNullOrEmpty(value))
        {
            sink.Add(path, PlaybookErrorCodes.KeyEmpty, $"Every {noun} needs a key.");
            return false;
        }
        if (!KeyPattern().IsMatch(value))
        {
            sink.Add(path, PlaybookErrorCodes.KeyInvalid,
                $"{Capitalize(noun)} '{Shorten(value)}' must start with a letter, contain only letters, digits, '_', '.' or '-', and be at most 64 characters long.");
            return false;
        }
        return true;
    }

    public static void CheckLabel(ProblemSink sink, string path, string? label, string noun)
    {
        if (string.IsNullOrWhiteSpace(label))
            sink.Add(path, PlaybookErrorCodes.LabelEmpty, $"Every {noun} needs a name people can read.");
        else if (label.Length > MaxLabelLength)
            sink.Add(path, PlaybookErrorCodes.LabelTooLong, $"The name of this {noun} is {label.Length} characters long; keep it to {MaxLabelLength}.");
    }

    public static void CheckDescription(ProblemSink sink, string path, string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
            sink.Add(path, PlaybookErrorCodes.DescriptionTooLong, $"The description is {description.Length} characters long; keep it to {MaxDescriptionLength}.");
    }

    public static void CheckCount(ProblemSink sink, string path, int count, int min, int max, string nouns)
    {
        if (count < min)
            sink.Add(path, PlaybookErrorCodes.ListTooFew, min == 1 ? $"Add at least one {Singular(nouns)}." : $"There are {count} {nouns}; at least {min} are needed.");
        else if (count > max)
            sink.Add(path, PlaybookErrorCodes.ListTooMany, $"There are {count:N0} {nouns}; the limit is {max:N0}.");
    }

    /// <summary>Checks that <paramref name="value"/> is finite and within [min, max], or (min, max] when <paramref name="minExclusive"/>.</summary>
    public static bool CheckNumber(ProblemSink sink, string path, double value, double min, double max, string what, bool minExclusive = false)
    {
        if (!double.IsFinite(value))
        {
            sink.Add(path, PlaybookErrorCodes.NumberNotFinite, $"{Capitalize(what)} must be a finite number.");
            return false;
        }
        if (value > max || value < min || (minExclusive && value <= min))
        {
            var lower = minExclusive ? $"greater than {Format(min)}" : $"at least {Format(min)}";
            sink.Add(path, PlaybookErrorCodes.NumberOutOfRange, $"{Capitalize(what)} must be {lower} and at most {Format(max)}; it is {Format(value)}.");
            return false;
        }
        return true;
    }

    public static string Format(double value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    public static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "…");

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    private static string Singular(string nouns) =>
        nouns.EndsWith("ies", StringComparison.Ordinal) ? nouns[..^3] + "y"
        : nouns.EndsWith('s') ? nouns[..^1]
        : nouns;
}
