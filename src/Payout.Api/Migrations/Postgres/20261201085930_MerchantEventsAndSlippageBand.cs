using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Payout.Api.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MerchantEventsAndSlippageBand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "max_slippage",
                table: "offers",
                type: "numeric(30,8)",
                precision: 30,
                scale: 8,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "merchant_event_sequencer",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_merchant_event_sequencer", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "merchant_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sequence = table.Column<long>(type: "bigint", nullable: true),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    object_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    object_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_merchant_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slippage_executions",
                columns: table => new
                {
                    offer_id = table.Column<long>(type: "bigint", nullable: false),
                    locked_rate = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    fresh_rate = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    rate_used = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    exposure_eur = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slippage_executions", x => x.offer_id);
                    table.ForeignKey(
                        name: "fk_slippage_executions_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordering_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lease_owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_error = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.sequence);
                });

            migrationBuilder.InsertData(
                table: "merchant_event_sequencer",
                columns: new[] { "id", "last_sequence" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_merchant_events_merchant_id_sequence",
                table: "merchant_events",
                columns: new[] { "merchant_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_merchant_events_object_type_object_id_version",
                table: "merchant_events",
                columns: new[] { "object_type", "object_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_merchant_events_sequence",
                table: "merchant_events",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_merchant_events_unsequenced",
                table: "merchant_events",
                column: "id",
                filter: "sequence IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_slippage_executions_created_at_exposure_eur",
                table: "slippage_executions",
                columns: new[] { "created_at", "exposure_eur" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_pending_by_key",
                table: "webhook_deliveries",
                columns: new[] { "ordering_key", "sequence" },
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_state_due_at",
                table: "webhook_deliveries",
                columns: new[] { "state", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "merchant_event_sequencer");

            migrationBuilder.DropTable(
                name: "merchant_events");

            migrationBuilder.DropTable(
                name: "slippage_executions");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "max_slippage",
                table: "offers");
        }
    }
}
