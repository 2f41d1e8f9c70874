using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Payout.Api.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportsAndReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    network_rows = table.Column<int>(type: "integer", nullable: false),
                    settled_by_us = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_differences",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    operation_id = table.Column<long>(type: "bigint", nullable: true),
                    network_amount = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: true),
                    our_amount = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: true),
                    currency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_differences", x => x.id);
                    table.ForeignKey(
                        name: "fk_reconciliation_differences_reconciliation_runs_day",
                        column: x => x.day,
                        principalTable: "reconciliation_runs",
                        principalColumn: "day",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payout_operations_status_updated_at",
                table: "payout_operations",
                columns: new[] { "status", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_created_at_id_kind",
                table: "ledger_transactions",
                columns: new[] { "created_at", "id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_postings_created_at_transaction_id_account_id_amount",
                table: "ledger_postings",
                columns: new[] { "created_at", "transaction_id", "account_id", "amount" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_differences_day",
                table: "reconciliation_differences",
                column: "day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reconciliation_differences");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");

            migrationBuilder.DropIndex(
                name: "ix_payout_operations_status_updated_at",
                table: "payout_operations");

            migrationBuilder.DropIndex(
                name: "ix_ledger_transactions_created_at_id_kind",
                table: "ledger_transactions");

            migrationBuilder.DropIndex(
                name: "ix_ledger_postings_created_at_transaction_id_account_id_amount",
                table: "ledger_postings");
        }
    }
}
