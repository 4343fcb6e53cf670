using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SalesAlign.Api.OpenApi;

/// <summary>
/// Answers leave out null members (<c>JsonIgnoreCondition.WhenWritingNull</c>), so in a schema that only answers
/// use, a member that may be null is also a member that may be absent: it is not <c>required</c>. Schemas that a
/// request body reaches keep their <c>required</c> list, because a request must send every constructor member
/// (<c>RespectRequiredConstructorParameters</c>), null or not.
/// </summary>
internal sealed class NullableMembersAreOptional : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } components)
            return Task.CompletedTask;
        var sentByClients = new HashSet<string>(StringComparer.Ordinal);
        var operations = document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []) ?? [];
        foreach (var operation in operations)
            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
                Collect(media.Schema, components, sentByClients);
        foreach (var (name, schema) in components)
            if (!sentByClients.Contains(name))
                Relax(schema);
        return Task.CompletedTask;
    }

    private static void Collect(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> names)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is { } id && names.Add(id) && components.TryGetValue(id, out var target))
                Collect(target, components, names);
            return;
        }
        foreach (var child in Children(schema))
            Collect(child, components, names);
    }

    private static void Relax(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline)
            return;
        if (inline is { Required: { Count: > 0 } required, Properties: { } properties })
            foreach (var name in required.Where(n => properties.TryGetValue(n, out var p) && MayBeNull(p)).ToList())
                required.Remove(name);
        foreach (var child in Children(inline))
            Relax(child);
    }

    private static bool MayBeNull(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference
        && ((schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s is not OpenApiSchemaReference && s.Type == JsonSchemaType.Null));

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema? schema)
    {
        if (schema is null or OpenApiSchemaReference)
            yield break;
        foreach (var property in schema.Properties?.Values.AsEnumerable() ?? [])
            yield return property;
        if (schema.Items is { } items)
            yield return items;
        if (schema.AdditionalProperties is { } additional)
            yield return additional;
        foreach (var part in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
            yield return part;
    }
}
