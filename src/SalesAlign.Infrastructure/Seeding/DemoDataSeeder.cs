using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Webhooks;
using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Domain.Webhooks;
using SalesAlign.Infrastructure.Identity;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Seeding;

/// <summary>
/// Registers the first-party OAuth clients on every start, and on the first start of an empty database
/// seeds the demo: agency Northwind Growth managing acme and globex, their users, and a published playbook each.
/// </summary>
public sealed partial class DemoDataSeeder(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<DemoDataSeeder> logger) : IHostedService
{
    public const string DefaultPassword = "Align-Demo-2026!";
    public const string DefaultIntegrationSecret = "acme-crm-demo-secret-2026";

    /// <summary>The demo people: email, display name, tenant (null = agency), team, role.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string? Tenant, MemberTeam Team, MemberRole Role)> People =
    [
        ("alex@northwind.example", "Alex Northwind", null, MemberTeam.Agency, MemberRole.Admin),
        ("maria@acme.example", "Maria Lopez", "acme", MemberTeam.Marketing, MemberRole.Approver),
        ("sam@acme.example", "Sam Patel", "acme", MemberTeam.Sales, MemberRole.Approver),
        ("chris@acme.example", "Chris Young", "acme", MemberTeam.Marketing, MemberRole.Contributor),
        ("val@acme.example", "Val Moreau", "acme", MemberTeam.Sales, MemberRole.Viewer),
        ("gina@globex.example", "Gina Rossi", "globex", MemberTeam.Marketing, MemberRole.Approver),
        ("omar@globex.example", "Omar Haddad", "globex", MemberTeam.Sales, MemberRole.Approver),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var apps = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var redirects = configuration.GetSection("Identity:WebRedirectUris").Get<string[]>() ?? ["http://localhost:5080/signin-callback"];
            await IdentityClients.EnsureFirstPartyClientsAsync(apps, redirects.Select(u => new Uri(u)), cancellationToken);
        }

        // Off unless asked for (appsettings.Development.json asks): the demo accounts' password is published.
        if (!configuration.GetValue("Demo:Seed", false))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Users.AnyAsync(cancellationToken))
                LogNoUsers(logger);
            return;
        }
        var password = configuration["Demo:Password"] ?? DefaultPassword;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Tenants.AnyAsync(cancellationToken))
            {
                LogDemoReady(logger, password);
                return;
            }
        }

        await SeedAsync(password, cancellationToken);
        LogDemoSeeded(logger, password);
    }

    private async Task SeedAsync(string password, CancellationToken ct)
    {
        var agency = new Agency { Id = Guid.NewGuid(), Name = "Northwind Growth" };
        var tenants = new[]
        {
            new Tenant { Id = Guid.NewGuid(), Slug = "acme", Name = "Acme Analytics", TimeZone = "America/New_York", AgencyId = agency.Id },
            new Tenant { Id = Guid.NewGuid(), Slug = "globex", Name = "Globex Logistics", TimeZone = "Europe/Berlin", AgencyId = agency.Id },
        };
        var userIds = new Dictionary<string, string>(StringComparer.Ordinal);

        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var person in People)
            {
                var user = new ApplicationUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.Name };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                    throw new InvalidOperationException($"Demo user {person.Email}: {string.Join("; ", created.Errors.Select(e => e.Description))} (check Demo:Password).");
                userIds[person.Email] = user.Id;
            }

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Agencies.Add(agency);
            db.Tenants.AddRange(tenants);
            db.AgencyMemberships.Add(new AgencyMembership { AgencyId = agency.Id, UserId = userIds["alex@northwind.example"], Role = MemberRole.Admin });
            await db.SaveChangesAsync(ct);
        }

        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(tenant.Id, tenant.Slug);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var person in People.Where(p => p.Tenant == tenant.Slug))
                db.Memberships.Add(new Membership { UserId = userIds[person.Email], Team = person.Team, Role = person.Role });

            var document = SamplePlaybooks.B2BSaas();
            var playbook = Playbook.Create(Guid.NewGuid(), "Default");
            db.Playbooks.Add(playbook);
            db.PlaybookVersions.Add(new PlaybookVersion
            {
                PlaybookId = playbook.Id,
                Number = 1,
                DocumentJson = PlaybookJson.Serialize(document),
                ContentHash = PlaybookJson.ContentHash(document),
                PublishedAt = clock.GetUtcNow(),
                PublishedBy = userIds[People.First(p => p.Tenant == tenant.Slug && p.Team == MemberTeam.Marketing).Email],
                ChangeSummary = "The agreement both teams signed at kick-off.",
            });
            await db.SaveChangesAsync(ct);
            await SeedLeadsAsync(db, tenant, playbook.Id, document, userIds[People.First(p => p.Tenant == tenant.Slug && p.Team == MemberTeam.Sales).Email], ct);

            if (tenant.Slug == "acme")
            {
                var proposal = DemoProposal(playbook.Id, document, userIds);
                db.Proposals.Add(proposal);
                db.Meetings.Add(DemoMeeting(playbook.Id, proposal.Id, userIds));
                var webhook = DemoWebhook(userIds);
                db.Webhooks.Add(webhook);
                db.WebhookDeliveries.Add(DemoDelivery(webhook));
                await db.SaveChangesAsync(ct);
                var apps = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
                await IdentityClients.CreateIntegrationClientAsync(apps, "acme-crm",
                    configuration["Demo:IntegrationSecret"] ?? DefaultIntegrationSecret, tenant.Id, "Acme CRM integration", ct);
            }
        }
    }

    /// <summary>
    /// Several thousand demo leads per tenant (<c>Demo:LeadsPerTenant</c>, default <see cref="DefaultLeadsPerTenant"/>),
    /// deterministic per tenant (seeded from the slug), bulk-inserted in one transaction that also bumps the lead-data version.
    /// </summary>
    private async Task SeedLeadsAsync(AppDbContext db, Tenant tenant, Guid playbookId, PlaybookDocument document, string salesUser, CancellationToken ct)
    {
        var count = configuration.GetValue("Demo:LeadsPerTenant", DefaultLeadsPerTenant);
        if (count <= 0)
            return;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var seed = tenant.Slug.Aggregate(17, (h, c) => unchecked(h * 31 + c));
        var leads = DemoLeadGenerator.Generate(document, playbookId, 1, count, seed, clock.GetUtcNow(), salesUser);
        var generated = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // Bulk, not tracked: the tenancy interceptor does not run, so the tenant is stamped here; RLS still checks it.
        foreach (var lead in leads.Leads)
            lead.TenantId = tenant.Id;
        foreach (var outcome in leads.Outcomes)
            outcome.TenantId = tenant.Id;
        foreach (var score in leads.Scores)
            score.TenantId = tenant.Id;
        foreach (var change in leads.History)
            change.TenantId = tenant.Id;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await BulkInsert.InsertAsync(db, leads.Leads, ct);
            await BulkInsert.InsertAsync(db, leads.Outcomes, ct);
            await BulkInsert.InsertAsync(db, leads.Scores, ct);
            await BulkInsert.InsertAsync(db, leads.History, ct);
            await LeadDataVersioning.BumpAsync(db, ct);
            await transaction.CommitAsync(ct);
        });
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogLeadsSeeded(logger, count, leads.Outcomes.Count, tenant.Slug, elapsed, generated);
    }

    public const int DefaultLeadsPerTenant = 3000;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Leads} demo leads with {Outcomes} outcomes in {Tenant} in {Milliseconds:F0} ms ({Generating:F0} ms generating and scoring, the rest writing).")]
    private static partial void LogLeadsSeeded(ILogger logger, int leads, int outcomes, string tenant, double milliseconds, double generating);

    /// <summary>
    /// The proposal on the table in acme: marketing wants pricing-page interest to count more and a lower
    /// engagement bar for grade A; chris drafted it, maria approved it, sam (sales) still has to decide.
    /// </summary>
    private Proposal DemoProposal(Guid playbookId, PlaybookDocument current, Dictionary<string, string> userIds)
    {
        var draft = current with
        {
            Scoring = new ScoringSection
            {
                Rules = current.Scoring.Rules.Select(r => r.Id == "pricing" ? r with { Points = 15, Cap = 45 } : r).ToList(),
            },
            Mql = new MqlSection
            {
                Condition = new AllCondition(
                [
                    new AnyCondition(
                    [
                        new AllCondition([Compare(BuiltInOperands.FitGrade, ComparisonOperator.In, TopGrades), Compare(BuiltInOperands.EngagementScore, ComparisonOperator.Gte, 40)]),
                        new AllCondition([Compare(BuiltInOperands.FitGrade, ComparisonOperator.Eq, "A"), Compare(BuiltInOperands.EngagementScore, ComparisonOperator.Gte, 20)]),
                    ]),
                    new NotCondition(Compare("isCompetitor", ComparisonOperator.Eq, true)),
                ]),
            },
        };
        var now = clock.GetUtcNow();
        var proposal = new Proposal
        {
            Id = Guid.CreateVersion7(),
            PlaybookId = playbookId,
            Title = "Count pricing-page interest more for ideal-fit accounts",
            Rationale = "Grade-A accounts that read pricing convert to SQL at twice the average; we lose them while they wait to reach 25 points.",
            BaseVersionNumber = 1,
            DraftJson = PlaybookJson.Serialize(draft),
            AuthorId = userIds["chris@acme.example"],
            CreatedAt = now,
            UpdatedAt = now,
        };
        proposal.Submit(new Actor(proposal.AuthorId, MemberTeam.Marketing, MemberRole.Contributor), now);
        proposal.Review(new Actor(userIds["maria@acme.example"], MemberTeam.Marketing, MemberRole.Approver), ReviewDecision.Approve,
            "Matches what we see in the webinar cohort.", current.Approval, ["/scoring/rules/0/points", "/mql/condition"], now);
        return proposal;
    }

    /// <summary>
    /// An example webhook in acme, paused: the demo must not post events to a host that does not exist, and
    /// a new one is easy to add with a real receiver.
    /// </summary>
    private Webhook DemoWebhook(Dictionary<string, string> userIds) => new()
    {
        Id = Guid.CreateVersion7(),
        Url = "https://hooks.acme.example/salesalign",
        EventTypes = [LiveEventTypes.PlaybookPublished],
        Secret = WebhookSignature.NewSecret(),
        CreatedAt = clock.GetUtcNow(),
        CreatedBy = userIds["maria@acme.example"],
        Active = false,
    };

    /// <summary>What the paused example webhook shows: one delivery that was given up on.</summary>
    private WebhookDelivery DemoDelivery(Webhook webhook) => new()
    {
        Id = Guid.CreateVersion7(),
        WebhookId = webhook.Id,
        EventSeq = 0,
        EventType = LiveEventTypes.PlaybookPublished,
        Payload = "{}",
        Status = WebhookDeliveryStatus.Failed,
        Attempts = WebhookRetrySchedule.MaxAttempts,
        LastError = "Connection failed: hooks.acme.example could not be resolved.",
        CreatedAt = clock.GetUtcNow(),
        NextAttemptAt = clock.GetUtcNow(),
    };

    /// <summary>Next Monday's alignment meeting in acme, with the demo proposal on its agenda.</summary>
    private Meeting DemoMeeting(Guid playbookId, Guid proposalId, Dictionary<string, string> userIds)
    {
        var now = clock.GetUtcNow();
        var meeting = new Meeting
        {
            Id = Guid.CreateVersion7(),
            PlaybookId = playbookId,
            Title = "Weekly marketing–sales alignment",
            ScheduledFor = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(7 - ((int)now.DayOfWeek + 6) % 7).AddHours(15),
            Attendees = [userIds["maria@acme.example"], userIds["sam@acme.example"], userIds["chris@acme.example"]],
            CreatedBy = userIds["maria@acme.example"],
            CreatedAt = now,
            UpdatedAt = now,
        };
        meeting.AddProposalItem(proposalId);
        return meeting;
    }

    private static readonly string[] TopGrades = ["A", "B"];

    private static ComparisonCondition Compare(string field, ComparisonOperator op, object value) =>
        new(field, op, System.Text.Json.JsonSerializer.SerializeToElement(value));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data seeded. Sign in as maria@acme.example, sam@acme.example, chris@acme.example, val@acme.example, gina@globex.example, omar@globex.example or alex@northwind.example (agency) with the password '{Password}' (Demo:Password). Integration client: acme-crm / Demo:IntegrationSecret.")]
    private static partial void LogDemoSeeded(ILogger logger, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = NoUsersMessage)]
    private static partial void LogNoUsers(ILogger logger);

    /// <summary>The one line a fresh instance without demo data logs, so its operator knows what to do next.</summary>
    public const string NoUsersMessage = "No users exist yet, so nobody can sign in. Demo data is off (it is seeded only in Development or with Demo:Seed=true, because its accounts' password is public). " +
        "To create the first admin, see README.md, section 'First admin' (until the setup command arrives: start once with Demo__Seed=true on an empty database to try the product, never on an instance that will hold real data).";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo users sign in with the password '{Password}' (Demo:Password), e.g. maria@acme.example.")]
    private static partial void LogDemoReady(ILogger logger, string password);
}
