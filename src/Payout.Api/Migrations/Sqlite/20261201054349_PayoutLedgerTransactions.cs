using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payout.Api.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PayoutLedgerTransactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "payout_operation_id",
                table: "ledger_transactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_payout_operation_id",
                table: "ledger_transactions",
                column: "payout_operation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_transactions_payout_operation_id",
                table: "ledger_transactions");

            migrationBuilder.DropColumn(
                name: "payout_operation_id",
                table: "ledger_transactions");
        }
    }
}
