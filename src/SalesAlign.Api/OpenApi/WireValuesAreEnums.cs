using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Api.OpenApi;

/// <summary>
/// Contracts carry enum values as camelCase strings (decision 0048); this lists each such member's allowed values
/// (<see cref="WireValues"/>) as its schema's <c>enum</c> — on the items of a list and the values of a dictionary — so
/// the document says what a client may send and will read, and an answer outside the set fails the conformance run.
/// </summary>
internal sealed class WireValuesAreEnums : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var record = context.JsonTypeInfo.Type;
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is OpenApiSchema inline && WireValues.Members.TryGetValue((record, name), out var values))
                Restrict(inline, values);
        }
        return Task.CompletedTask;
    }

    private static void Restrict(OpenApiSchema member, IReadOnlyList<string> values)
    {
        var target = member.Type switch
        {
            { } t when t.HasFlag(JsonSchemaType.Array) => member.Items as OpenApiSchema,
            { } t when t.HasFlag(JsonSchemaType.Object) => member.AdditionalProperties as OpenApiSchema,
            _ => member,
        };
        if (target is null)
            return;
        List<JsonNode> allowed = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        // A member that may be null must allow null too, or the enum would refuse it.
        if (target.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            allowed.Add(JsonNullSentinel.JsonNull);
        target.Enum = allowed;
    }
}
