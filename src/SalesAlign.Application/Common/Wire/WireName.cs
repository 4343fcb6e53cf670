using System.Text.Json;

namespace SalesAlign.Application.Common.Wire;

/// <summary>
/// The one spelling of an enum value on the wire — in answers, events and webhooks: camelCase (<c>inReview</c>,
/// <c>changesRequested</c>, <c>sales</c>), as the JSON options spell request enums and property names (decision 0048).
/// </summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>An enum value kept as its name in a column (a lead score's route), spelled for the wire.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(storedName))]
    public static string? Of(string? storedName) => storedName is null ? null : JsonNamingPolicy.CamelCase.ConvertName(storedName);
}
