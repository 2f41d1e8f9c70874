using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Payout.Api.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kyc_level = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    token_generation = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    balance = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_accounts", x => x.id);
                    table.CheckConstraint("ck_ledger_accounts_not_negative", "type NOT IN (1, 7) OR balance >= 0");
                });

            migrationBuilder.CreateTable(
                name: "ledger_transactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "network_callback_receipts",
                columns: table => new
                {
                    signature_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_network_callback_receipts", x => x.signature_hash);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_failures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cards",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    brand = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    masked_pan = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    encryption_key_id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    encrypted_number = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    expiry_year = table.Column<int>(type: "integer", nullable: false),
                    expiry_month = table.Column<int>(type: "integer", nullable: false),
                    validation_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    billing_address_address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    billing_address_city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    billing_address_country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    billing_address_zip = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    billing_address_state = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cards", x => x.id);
                    table.ForeignKey(
                        name: "fk_cards_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "external_transfers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ledger_transaction_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_transfers", x => x.id);
                    table.ForeignKey(
                        name: "fk_external_transfers_ledger_transactions_ledger_transaction_id",
                        column: x => x.ledger_transaction_id,
                        principalTable: "ledger_transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_postings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_postings", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_postings_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_postings_ledger_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "ledger_transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "offers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    card_id = table.Column<long>(type: "bigint", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    currency_from = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    currency_to = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    amount_to = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    amount_to_eur = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    transaction_fee = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    network_fee = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    additional_fee = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    partner_fee = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    min_amount_from = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    max_amount_from = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    operation_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_offers_cards_card_id",
                        column: x => x.card_id,
                        principalTable: "cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_offers_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payout_operations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    offer_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    card_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount_from = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    currency_from = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount_to = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    currency_to = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    fee = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    partner_fee = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    total_debited = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    amount_to_eur = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false),
                    masked_pan = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_operations", x => x.id);
                    table.ForeignKey(
                        name: "fk_payout_operations_cards_card_id",
                        column: x => x.card_id,
                        principalTable: "cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_operations_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_operations_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payout_outbox",
                columns: table => new
                {
                    operation_id = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lease_owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_error = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_outbox", x => x.operation_id);
                    table.ForeignKey(
                        name: "fk_payout_outbox_payout_operations_operation_id",
                        column: x => x.operation_id,
                        principalTable: "payout_operations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cards_customer_id_fingerprint",
                table: "cards",
                columns: new[] { "customer_id", "fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cards_encryption_key_id",
                table: "cards",
                column: "encryption_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_merchant_id_phone",
                table: "customers",
                columns: new[] { "merchant_id", "phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_transfers_customer_id",
                table: "external_transfers",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_external_transfers_ledger_transaction_id",
                table: "external_transfers",
                column: "ledger_transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_external_transfers_reference",
                table: "external_transfers",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_expires_at",
                table: "idempotency_keys",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_code",
                table: "ledger_accounts",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_customer_id",
                table: "ledger_accounts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_postings_account_id",
                table: "ledger_postings",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_postings_currency",
                table: "ledger_postings",
                column: "currency");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_postings_transaction_id",
                table: "ledger_postings",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_offers_card_id",
                table: "offers",
                column: "card_id");

            migrationBuilder.CreateIndex(
                name: "ix_offers_customer_id",
                table: "offers",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_payout_operations_card_id",
                table: "payout_operations",
                column: "card_id");

            migrationBuilder.CreateIndex(
                name: "ix_payout_operations_customer_id_created_at",
                table: "payout_operations",
                columns: new[] { "customer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payout_operations_offer_id",
                table: "payout_operations",
                column: "offer_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payout_operations_status",
                table: "payout_operations",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_payout_outbox_state_due_at",
                table: "payout_outbox",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_customer_id",
                table: "refresh_tokens",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_token_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_phone_at",
                table: "sign_in_failures",
                columns: new[] { "phone", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_transfers");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "ledger_postings");

            migrationBuilder.DropTable(
                name: "network_callback_receipts");

            migrationBuilder.DropTable(
                name: "payout_outbox");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "sign_in_failures");

            migrationBuilder.DropTable(
                name: "ledger_accounts");

            migrationBuilder.DropTable(
                name: "ledger_transactions");

            migrationBuilder.DropTable(
                name: "payout_operations");

            migrationBuilder.DropTable(
                name: "offers");

            migrationBuilder.DropTable(
                name: "cards");

            migrationBuilder.DropTable(
                name: "customers");
        }
    }
}
