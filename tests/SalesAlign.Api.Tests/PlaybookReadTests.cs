using System.Net;
using System.Net.Http.Headers;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class PlaybookReadTests(ApiFactory factory)
{
    [Fact]
    public async Task An_unchanged_playbook_answers_304_to_its_own_etag_and_200_to_an_old_one()
    {
        var crm = await factory.IntegrationClient();
        var playbookId = (await (await crm.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetString();
        var url = $"/api/v1/t/acme/playbooks/{playbookId}";
        var first = await crm.GetAsync(url);

        var current = new HttpRequestMessage(HttpMethod.Get, url);
        current.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var old = new HttpRequestMessage(HttpMethod.Get, url);
        old.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"987654\""));
        var notModified = await crm.SendAsync(current);
        var modified = await crm.SendAsync(old);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        modified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await modified.Json()).GetProperty("currentVersion").GetProperty("document").GetProperty("schemaVersion").GetInt32().ShouldBe(1);
    }
}
