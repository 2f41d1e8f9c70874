using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payout.Api.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Performance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payout_outbox_state_due_at",
                table: "payout_outbox");

            migrationBuilder.AddColumn<int>(
                name: "ledger_shard",
                table: "payout_operations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "shard",
                table: "ledger_accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_payout_outbox_due_at_not_done",
                table: "payout_outbox",
                column: "due_at",
                filter: "state <> 'Done'");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_type_currency_shard",
                table: "ledger_accounts",
                columns: new[] { "type", "currency", "shard" },
                filter: "customer_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payout_outbox_due_at_not_done",
                table: "payout_outbox");

            migrationBuilder.DropIndex(
                name: "ix_ledger_accounts_type_currency_shard",
                table: "ledger_accounts");

            migrationBuilder.DropColumn(
                name: "ledger_shard",
                table: "payout_operations");

            migrationBuilder.DropColumn(
                name: "shard",
                table: "ledger_accounts");

            migrationBuilder.CreateIndex(
                name: "ix_payout_outbox_state_due_at",
                table: "payout_outbox",
                columns: new[] { "state", "due_at" });
        }
    }
}
