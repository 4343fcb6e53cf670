using Microsoft.EntityFrameworkCore.Migrations;
using SalesAlign.Infrastructure.Persistence;

#nullable disable

namespace SalesAlign.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WireSpellingOfStoredEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            StoredEventSpelling.ToCamelCase(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The camelCase spelling is the API's from this version on; nothing to undo.
        }
    }
}
