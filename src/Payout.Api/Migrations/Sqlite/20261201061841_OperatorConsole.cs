using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payout.Api.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OperatorConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "payout_operation_id",
                table: "ledger_transactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "console_sessions",
                columns: table => new
                {
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ticket = table.Column<byte[]>(type: "BLOB", maxLength: 4096, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_console_sessions", x => x.key_hash);
                });

            migrationBuilder.CreateTable(
                name: "payout_network_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    operation_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_network_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_payout_network_events_payout_operations_operation_id",
                        column: x => x.operation_id,
                        principalTable: "payout_operations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_payout_operation_id",
                table: "ledger_transactions",
                column: "payout_operation_id");

            migrationBuilder.CreateIndex(
                name: "ix_console_sessions_expires_at",
                table: "console_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_payout_network_events_operation_id_id",
                table: "payout_network_events",
                columns: new[] { "operation_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "console_sessions");

            migrationBuilder.DropTable(
                name: "payout_network_events");

            migrationBuilder.DropIndex(
                name: "ix_ledger_transactions_payout_operation_id",
                table: "ledger_transactions");

            migrationBuilder.DropColumn(
                name: "payout_operation_id",
                table: "ledger_transactions");
        }
    }
}
