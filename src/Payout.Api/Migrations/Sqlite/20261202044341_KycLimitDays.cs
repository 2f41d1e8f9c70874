using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payout.Api.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KycLimitDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kyc_limit_days",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    epoch_day = table.Column<int>(type: "INTEGER", nullable: false),
                    used_eur = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kyc_limit_days", x => new { x.customer_id, x.epoch_day });
                });

            // The days' sums are kept by the database, for every writer (docs/decisions.md, "The KYC limit's window read from
            // daily sums"): a payout counts from its insert, and gives its share back when its status moves to FAILED (and takes
            // it again if it ever moved back). An update that changes none of the rule's columns fires nothing. Instants are
            // UTC ticks here (621355968000000000 at 1970-01-01, 864000000000 a day), amounts 10^-8 units.
            migrationBuilder.Sql("""
                CREATE TRIGGER kyc_limit_days_on_insert AFTER INSERT ON payout_operations WHEN NEW.status <> 'FAILED'
                BEGIN
                    INSERT INTO kyc_limit_days (customer_id, epoch_day, used_eur)
                    VALUES (NEW.customer_id, (NEW.created_at - 621355968000000000) / 864000000000, NEW.amount_to_eur)
                    ON CONFLICT (customer_id, epoch_day) DO UPDATE SET used_eur = used_eur + excluded.used_eur;
                END;

                CREATE TRIGGER kyc_limit_days_on_delete AFTER DELETE ON payout_operations WHEN OLD.status <> 'FAILED'
                BEGIN
                    UPDATE kyc_limit_days SET used_eur = used_eur - OLD.amount_to_eur
                    WHERE customer_id = OLD.customer_id AND epoch_day = (OLD.created_at - 621355968000000000) / 864000000000;
                END;

                CREATE TRIGGER kyc_limit_days_on_update AFTER UPDATE ON payout_operations
                WHEN (OLD.status = 'FAILED') IS NOT (NEW.status = 'FAILED')
                    OR OLD.amount_to_eur IS NOT NEW.amount_to_eur
                    OR OLD.created_at IS NOT NEW.created_at
                    OR OLD.customer_id IS NOT NEW.customer_id
                BEGIN
                    UPDATE kyc_limit_days SET used_eur = used_eur - OLD.amount_to_eur
                    WHERE OLD.status <> 'FAILED'
                        AND customer_id = OLD.customer_id AND epoch_day = (OLD.created_at - 621355968000000000) / 864000000000;
                    INSERT INTO kyc_limit_days (customer_id, epoch_day, used_eur)
                    SELECT NEW.customer_id, (NEW.created_at - 621355968000000000) / 864000000000, NEW.amount_to_eur
                    WHERE NEW.status <> 'FAILED'
                    ON CONFLICT (customer_id, epoch_day) DO UPDATE SET used_eur = used_eur + excluded.used_eur;
                END;

                INSERT INTO kyc_limit_days (customer_id, epoch_day, used_eur)
                SELECT customer_id, (created_at - 621355968000000000) / 864000000000, SUM(amount_to_eur)
                FROM payout_operations WHERE status <> 'FAILED' GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER kyc_limit_days_on_update;
                DROP TRIGGER kyc_limit_days_on_delete;
                DROP TRIGGER kyc_limit_days_on_insert;
                """);

            migrationBuilder.DropTable(
                name: "kyc_limit_days");
        }
    }
}
