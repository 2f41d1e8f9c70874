using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payout.Api.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropPayoutStatusIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payout_operations_status",
                table: "payout_operations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_payout_operations_status",
                table: "payout_operations",
                column: "status");
        }
    }
}
