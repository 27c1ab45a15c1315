/* crm-demo.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-demo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "crm-demo.h"
#include "crm-demo-data.h"

#define BATCH_COMPANIES   20000
#define THREE_YEARS       (3 * 365 * (gint64) 86400)
#define DAY               ((gint64) 86400)
#define PROGRESS_STEPS    90     /* of the companies phase; the index gets the rest */

/* Pseudo-random numbers: xoshiro256** seeded through splitmix64. Our own, so
 * the same seed gives the same data on every machine and GLib version. */

typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
hash64 (guint64 a,
        guint64 b)
{
  guint64 state = a ^ (b * G_GUINT64_CONSTANT (0xd1342543de82ef95));

  return splitmix64 (&state);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* A number in [0, n) */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* A number in [lo, hi] */
static inline gint64
rng_range (Rng    *rng,
           gint64  lo,
           gint64  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo + 1));
}

static inline gboolean
rng_percent (Rng   *rng,
             guint  percent)
{
  return rng_below (rng, 100) < percent;
}

static inline const char *
rng_pick (Rng                *rng,
          const CrmDemoTable *table)
{
  return table->items[rng_below (rng, table->n_items)];
}

/* Exact spreading of a total over the companies: company i gets
 * floor (total * W(i+1) / W) - floor (total * W(i) / W), where W(i) is the
 * sum of the weights of the companies before i. Kept as a running quotient
 * and remainder so nothing overflows and the sum is exactly the total. */

typedef struct
{
  guint64 total;
  guint64 weight_sum;
  guint64 remainder;
} Spread;

static inline guint
spread_next (Spread *spread,
             guint   weight)
{
  guint64 add;

  spread->remainder += spread->total * weight;
  add = spread->remainder / spread->weight_sum;
  spread->remainder %= spread->weight_sum;

  return (guint) add;
}

/* Stages of a company, guessed from the names of the status dictionary so
 * the distribution is plausible whatever the names are. */
typedef enum
{
  STAGE_LEAD,
  STAGE_PROSPECT,
  STAGE_NEGOTIATION,
  STAGE_CLIENT,
  STAGE_REGULAR,
  STAGE_LOST,
  STAGE_OTHER,
  N_STAGES
} Stage;

static const guint stage_weight[N_STAGES] = { 30, 22, 12, 16, 8, 10, 4 };
static const guint stage_history[N_STAGES] = { 1, 2, 4, 5, 6, 2, 2 };

typedef enum
{
  FORM_ORDINARY,     /* ООО, LLC, Ltd */
  FORM_JOINT_STOCK,  /* АО, Inc., Ltd */
  FORM_PUBLIC,       /* ПАО, Corp., PLC */
  FORM_SOLE,         /* ИП (ru only) */
} Form;

typedef struct
{
  Form  form;
  guint size;            /* 0 (small) to 3 (large) */
  guint status;          /* index into Generator.statuses */
  guint contacts_weight;
  guint history_weight;
} Profile;

typedef struct
{
  gint64  id;
  Stage   stage;
  guint   weight;
} Status;

typedef struct
{
  gboolean    female;
  const char *first;
  const char *middle;
  const char *last_masculine;
} Person;

typedef struct
{
  CrmStore                 *store;
  const CrmDemoOptions     *options;
  const CrmDemoLocaleData  *data;
  gboolean                  ru;
  gint64                    now;
  int                       now_year;
  guint64                   seed;

  CrmProgressFunc           progress;
  gpointer                  progress_data;

  /* Dictionaries */
  GArray                   *statuses;          /* Status */
  guint                     status_weight_sum;
  GArray                   *industries;        /* gint64 */
  GArray                   *sources;           /* gint64 */
  GArray                   *source_weights;    /* guint, cumulative */
  gint64                   *city_regions;      /* per city of the locale */
  guint                     city_weight_sum;

  /* The team: salespeople first, then the head of sales */
  GArray                   *team;              /* gint64 */
  guint                     n_sales;

  /* Exact totals */
  Spread                    contacts;
  Spread                    history;

  /* Reused per company, so the loop does not churn the heap */
  GArray                   *times;             /* gint64 */
  GArray                   *contact_ids;       /* gint64 */
  GString                  *name;
  GString                  *legal_name;
  GString                  *tax_id;
  GString                  *address;
  GString                  *domain;
  GString                  *website;
  GString                  *email;
  GString                  *phone;
  GString                  *last_name;
  GString                  *birthday;
  GString                  *scratch;

  gboolean                  in_transaction;
  gboolean                  committed_any;
} Generator;

/* Text helpers */

static gboolean
has_suffix (const char *str,
            const char *suffix)
{
  gsize len = strlen (str);
  gsize suffix_len = strlen (suffix);

  return len >= suffix_len && memcmp (str + len - suffix_len, suffix, suffix_len) == 0;
}

/* Latin transliteration of Russian, lower case, as people spell their
 * e-mail addresses and domains. */
static const char *
translit_char (gunichar c)
{
  static const char * const table[] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
  };

  if (c >= 0x430 && c <= 0x44f)
    return table[c - 0x430];
  if (c == 0x451)
    return "e";
  return NULL;
}

/* Appends text in lower-case Latin letters and digits. Spaces, hyphens and
 * '&' become separator (when not 0), everything else is dropped. */
static void
append_latin (GString    *out,
              const char *text,
              char        separator)
{
  gboolean pending_separator = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      const char *latin = translit_char (c);
      char ascii = 0;

      if (latin == NULL && c < 128 && g_ascii_isalnum ((char) c))
        ascii = (char) c;

      if (latin == NULL && ascii == 0)
        {
          if (separator && (c == ' ' || c == '-' || c == '&'))
            pending_separator = out->len > 0;
          continue;
        }

      if (pending_separator && out->len > 0 && out->str[out->len - 1] != separator)
        g_string_append_c (out, separator);
      pending_separator = FALSE;

      if (latin)
        g_string_append (out, latin);
      else
        g_string_append_c (out, ascii);
    }
}

/* Appends word with its first letter in lower case */
static void
append_uncapitalized (GString    *out,
                      const char *word)
{
  g_string_append_unichar (out, g_unichar_tolower (g_utf8_get_char (word)));
  g_string_append (out, g_utf8_next_char (word));
}

static void
append_first_letter (GString    *out,
                     const char *word)
{
  const char *next = g_utf8_next_char (word);

  g_string_append_len (out, word, next - word);
}

/* Russian family names change with gender: Иванов/Иванова, Вишневский/
 * Вишневская, Толстой/Толстая; Шевченко or Седых do not. */
static void
append_last_name (GString    *out,
                  const char *masculine,
                  gboolean    female,
                  gboolean    ru)
{
  gsize len = strlen (masculine);

  if (!ru || !female)
    {
      g_string_append (out, masculine);
      return;
    }

  if (has_suffix (masculine, "ский") || has_suffix (masculine, "цкий"))
    {
      g_string_append_len (out, masculine, len - strlen ("ий"));
      g_string_append (out, "ая");
    }
  else if (has_suffix (masculine, "ой"))
    {
      g_string_append_len (out, masculine, len - strlen ("ой"));
      g_string_append (out, "ая");
    }
  else if (has_suffix (masculine, "ов") || has_suffix (masculine, "ев") ||
           has_suffix (masculine, "ёв") || has_suffix (masculine, "ин") ||
           has_suffix (masculine, "ын"))
    {
      g_string_append (out, masculine);
      g_string_append (out, "а");
    }
  else
    g_string_append (out, masculine);
}

static void
pick_person (Generator *gen,
             Rng       *rng,
             Person    *person)
{
  const CrmDemoLocaleData *data = gen->data;

  person->female = rng_percent (rng, 45);
  if (person->female)
    person->first = rng_pick (rng, &data->female_names);
  else
    person->first = data->male_names[rng_below (rng, data->n_male_names)].name;

  person->middle = NULL;
  if (gen->ru)
    {
      const CrmDemoMaleName *father = &data->male_names[rng_below (rng, data->n_male_names)];

      person->middle = person->female ? father->patronymic_female : father->patronymic_male;
    }

  person->last_masculine = rng_pick (rng, &data->last_names);
}

/* Dictionaries */

static Stage
guess_stage (const char *name,
             guint       position,
             guint       n_values)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  static const struct { const char *word; Stage stage; } words[] = {
    { "lead", STAGE_LEAD }, { "лид", STAGE_LEAD }, { "нов", STAGE_LEAD },
    { "new", STAGE_LEAD }, { "cold", STAGE_LEAD }, { "холод", STAGE_LEAD },
    { "prospect", STAGE_PROSPECT }, { "потенц", STAGE_PROSPECT },
    { "interest", STAGE_PROSPECT }, { "интерес", STAGE_PROSPECT },
    { "contact", STAGE_PROSPECT }, { "контакт", STAGE_PROSPECT },
    { "qualif", STAGE_PROSPECT }, { "квалиф", STAGE_PROSPECT },
    { "negot", STAGE_NEGOTIATION }, { "перегов", STAGE_NEGOTIATION },
    { "proposal", STAGE_NEGOTIATION }, { "предлож", STAGE_NEGOTIATION },
    { "quote", STAGE_NEGOTIATION }, { "lost", STAGE_LOST }, { "потер", STAGE_LOST },
    { "отказ", STAGE_LOST }, { "inactive", STAGE_LOST }, { "неактив", STAGE_LOST },
    { "archiv", STAGE_LOST }, { "архив", STAGE_LOST }, { "former", STAGE_LOST },
    { "бывш", STAGE_LOST }, { "regular", STAGE_REGULAR }, { "постоян", STAGE_REGULAR },
    { "repeat", STAGE_REGULAR }, { "key", STAGE_REGULAR }, { "vip", STAGE_REGULAR },
    { "ключев", STAGE_REGULAR }, { "client", STAGE_CLIENT }, { "клиент", STAGE_CLIENT },
    { "customer", STAGE_CLIENT }, { "покупат", STAGE_CLIENT }, { "active", STAGE_CLIENT },
    { "актив", STAGE_CLIENT }, { "partner", STAGE_CLIENT }, { "партн", STAGE_CLIENT },
  };
  static const Stage by_position[] = {
    STAGE_LEAD, STAGE_PROSPECT, STAGE_NEGOTIATION, STAGE_CLIENT, STAGE_REGULAR, STAGE_LOST,
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i].word) != NULL)
      return words[i].stage;

  /* Unknown names: statuses are usually listed in pipeline order */
  if (n_values <= G_N_ELEMENTS (by_position) && position < n_values)
    return by_position[position * G_N_ELEMENTS (by_position) / MAX (n_values, 1)];
  return STAGE_OTHER;
}

static gboolean
load_dictionaries (Generator  *gen,
                   GError    **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) industries = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  guint sum = 0;

  if (!(statuses = crm_store_list_dictionary (gen->store, "status", error)) ||
      !(industries = crm_store_list_dictionary (gen->store, "industry", error)) ||
      !(sources = crm_store_list_dictionary (gen->store, "source", error)))
    return FALSE;

  for (guint i = 0; i < statuses->len; i++)
    {
      const CrmDictionaryValue *value = g_ptr_array_index (statuses, i);
      Status status = { value->id, guess_stage (value->name, i, statuses->len), 0 };

      status.weight = stage_weight[status.stage];
      gen->status_weight_sum += status.weight;
      g_array_append_val (gen->statuses, status);
    }

  for (guint i = 0; i < industries->len; i++)
    {
      const CrmDictionaryValue *value = g_ptr_array_index (industries, i);

      g_array_append_val (gen->industries, value->id);
    }

  /* The first sources (the usual ones) bring more clients than the last */
  for (guint i = 0; i < sources->len; i++)
    {
      const CrmDictionaryValue *value = g_ptr_array_index (sources, i);

      sum += sources->len - i + 1;
      g_array_append_val (gen->sources, value->id);
      g_array_append_val (gen->source_weights, sum);
    }

  gen->city_regions = g_new0 (gint64, gen->data->n_cities);
  for (guint i = 0; i < gen->data->n_cities; i++)
    {
      const CrmDemoCity *city = &gen->data->cities[i];

      gen->city_weight_sum += city->weight;
      gen->city_regions[i] = crm_store_ensure_dictionary_value (gen->store, "region",
                                                                city->region, error);
      if (gen->city_regions[i] <= 0)
        return FALSE;
    }

  return TRUE;
}

/* The team */

static gboolean
add_team_member (Generator  *gen,
                 Rng        *rng,
                 GHashTable *logins,
                 const char *role,
                 GError    **error)
{
  g_autoptr(GString) login = g_string_new (NULL);
  g_autoptr(GString) full_name = g_string_new (NULL);
  g_autoptr(GString) email = g_string_new (NULL);
  g_autoptr(GString) phone = g_string_new (NULL);
  g_autoptr(GString) last = g_string_new (NULL);
  Person person;
  gint64 id = 0;

  pick_person (gen, rng, &person);
  append_last_name (last, person.last_masculine, person.female, gen->ru);

  /* ivanova, then ivanova.anna, then ivanova.anna2 */
  append_latin (login, last->str, 0);
  if (g_hash_table_contains (logins, login->str))
    {
      g_string_append_c (login, '.');
      append_latin (login, person.first, 0);
    }
  if (g_hash_table_contains (logins, login->str))
    {
      gsize base_len = login->len;

      for (guint n = 2; g_hash_table_contains (logins, login->str); n++)
        {
          g_string_truncate (login, base_len);
          g_string_append_printf (login, "%u", n);
        }
    }

  if (gen->ru)
    g_string_printf (full_name, "%s %s", last->str, person.first);
  else
    g_string_printf (full_name, "%s %s", person.first, last->str);

  if (gen->ru)
    g_string_printf (phone, "+7 (%s) %03u-%02u-%02u",
                     rng_pick (rng, &gen->data->mobile_codes),
                     (guint) rng_range (rng, 200, 999), rng_below (rng, 100), rng_below (rng, 100));
  else
    g_string_printf (phone, "+1 (%s) 555-01%02u", gen->data->cities[0].phone_code,
                     rng_below (rng, 100));

  /* The login may exist from an earlier run into the same database */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *candidate = attempt == 0
        ? g_strdup (login->str)
        : g_strdup_printf ("%s%u", login->str, attempt + 1);
      CrmUserData user = { 0 };

      g_string_printf (email, "%s@example.com", candidate);
      user.login = candidate;
      user.full_name = full_name->str;
      user.email = email->str;
      user.phone = phone->str;
      user.role = role;
      user.active = TRUE;

      id = crm_store_add_user (gen->store, &user, &local_error);
      if (id > 0)
        {
          g_hash_table_add (logins, g_steal_pointer (&candidate));
          break;
        }
      if (!g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (id <= 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is a login such as "ivanova" */
                   _("Could not find a free login for the demo user “%s”"), login->str);
      return FALSE;
    }

  g_array_append_val (gen->team, id);
  return TRUE;
}

static gboolean
create_team (Generator  *gen,
             GError    **error)
{
  g_autoptr(GHashTable) logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Rng rng;

  rng_seed (&rng, hash64 (gen->seed, 0x7ea3));

  for (guint i = 0; i < gen->options->users; i++)
    if (!add_team_member (gen, &rng, logins, "sales", error))
      return FALSE;
  gen->n_sales = gen->options->users;

  return add_team_member (gen, &rng, logins, "manager", error);
}

/* Company profiles. They come from a hash of the seed and the index alone,
 * so a first pass can sum the weights that spread the exact totals. */

static void
company_profile (Generator *gen,
                 guint64    index,
                 Profile   *profile)
{
  static const guint size_contacts[] = { 2, 4, 8, 16 };
  static const guint size_history[] = { 2, 3, 4, 6 };
  guint64 h = hash64 (gen->seed ^ G_GUINT64_CONSTANT (0x5eed0f11e5), index);
  guint form_roll = (guint) (h & 0xff) * 100 / 256;
  guint size_roll = (guint) ((h >> 8) & 0xff) * 100 / 256;
  guint status_roll;
  Stage stage = STAGE_OTHER;

  if (gen->ru)
    profile->form = form_roll < 22 ? FORM_SOLE
                    : form_roll < 32 ? FORM_JOINT_STOCK
                    : form_roll < 34 ? FORM_PUBLIC
                    : FORM_ORDINARY;
  else
    profile->form = form_roll < 38 ? FORM_JOINT_STOCK
                    : form_roll < 45 ? FORM_PUBLIC
                    : FORM_ORDINARY;

  profile->size = size_roll < 55 ? 0 : size_roll < 85 ? 1 : size_roll < 97 ? 2 : 3;
  if (profile->form == FORM_SOLE)
    profile->size = 0;
  else if (profile->form == FORM_PUBLIC)
    profile->size = MAX (profile->size, 2);

  profile->status = 0;
  if (gen->status_weight_sum > 0)
    {
      status_roll = (guint) (((h >> 16) & 0xffffffff) * gen->status_weight_sum >> 32);
      for (guint i = 0; i < gen->statuses->len; i++)
        {
          const Status *status = &g_array_index (gen->statuses, Status, i);

          if (status_roll < status->weight)
            {
              profile->status = i;
              stage = status->stage;
              break;
            }
          status_roll -= status->weight;
        }
    }

  /* Jitter, so that companies of one size do not all get the same counts */
  profile->contacts_weight = (profile->form == FORM_SOLE ? 1 : size_contacts[profile->size]) *
                             (3 + ((h >> 48) & 7));
  profile->history_weight = size_history[profile->size] * stage_history[stage] *
                            (2 + ((h >> 52) & 7));
}

static Stage
profile_stage (Generator     *gen,
               const Profile *profile)
{
  if (gen->statuses->len == 0)
    return STAGE_OTHER;
  return g_array_index (gen->statuses, Status, profile->status).stage;
}

/* Names, legal details, addresses */

/* ТехноСтрой or Технострой */
static void
append_compound_name_ru (Generator *gen,
                         Rng       *rng,
                         gboolean   camel_case)
{
  const CrmDemoLocaleData *data = gen->data;
  guint root = rng_below (rng, data->name_roots.n_items);
  guint ending = rng_below (rng, data->name_endings.n_items);

  if (g_str_equal (data->name_roots.items[root], data->name_endings.items[ending]))
    ending = (ending + 1) % data->name_endings.n_items;

  g_string_append (gen->name, data->name_roots.items[root]);
  if (camel_case)
    g_string_append (gen->name, data->name_endings.items[ending]);
  else
    append_uncapitalized (gen->name, data->name_endings.items[ending]);
}

/* Quotes inside quotes are „“ in Russian: ООО «Торговый дом „Вектор“» */
static void
append_quoted_ru (GString    *out,
                  const char *text)
{
  g_string_append (out, "«");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xab)
        g_string_append (out, "„");
      else if (c == 0xbb)
        g_string_append (out, "“");
      else
        g_string_append_unichar (out, c);
    }
  g_string_append (out, "»");
}

static void
build_company_name_ru (Generator *gen,
                       Rng       *rng)
{
  const CrmDemoLocaleData *data = gen->data;
  GString *name = gen->name;
  guint pattern = rng_below (rng, 100);

  if (pattern < 8)
    g_string_append (name, rng_pick (rng, &data->name_words));
  else if (pattern < 26)
    g_string_append_printf (name, "%s-%s", rng_pick (rng, &data->name_words),
                            rng_pick (rng, &data->name_activities));
  else if (pattern < 62)
    {
      guint style = rng_below (rng, 100);

      append_compound_name_ru (gen, rng, style < 50);
      if (style >= 70)
        g_string_append_printf (name, "-%s", rng_pick (rng, &data->name_activities));
    }
  else if (pattern < 72)
    {
      /* Торговый дом «Вектор» */
      g_string_append_printf (name, "%s «", rng_pick (rng, &data->name_kinds));
      if (rng_percent (rng, 50))
        g_string_append (name, rng_pick (rng, &data->name_words));
      else
        append_compound_name_ru (gen, rng, TRUE);
      g_string_append (name, "»");
    }
  else
    {
      const CrmDemoNoun *noun = &data->nouns[rng_below (rng, data->n_nouns)];
      const CrmDemoAdjective *adjective = &data->adjectives[rng_below (rng, data->n_adjectives)];

      g_string_append (name, adjective->forms[noun->gender]);
      if (rng_percent (rng, 75))
        {
          const CrmDemoAdjective *activity =
            &data->activity_adjectives[rng_below (rng, data->n_activity_adjectives)];

          g_string_append_printf (name, " %s", activity->forms[noun->gender]);
        }
      g_string_append_printf (name, " %s", noun->word);
    }
}

static void
build_company_name_en (Generator *gen,
                       Rng       *rng)
{
  const CrmDemoLocaleData *data = gen->data;
  GString *name = gen->name;
  guint pattern = rng_below (rng, 100);

  if (pattern < 28)
    g_string_append_printf (name, "%s %s", rng_pick (rng, &data->name_words),
                            rng_pick (rng, &data->name_activities));
  else if (pattern < 44)
    g_string_append_printf (name, "%s %s", rng_pick (rng, &data->last_names),
                            rng_pick (rng, &data->name_activities));
  else if (pattern < 56)
    {
      guint first = rng_below (rng, data->last_names.n_items);
      guint second = rng_below (rng, data->last_names.n_items);

      if (first == second)
        second = (second + 1) % data->last_names.n_items;
      g_string_append_printf (name, "%s & %s", data->last_names.items[first],
                              data->last_names.items[second]);
    }
  else if (pattern < 62)
    g_string_append_printf (name, "%s & Sons", rng_pick (rng, &data->last_names));
  else if (pattern < 90)
    {
      g_string_append (name, rng_pick (rng, &data->name_roots));
      g_string_append (name, rng_pick (rng, &data->name_endings));
      if (pattern >= 76)
        g_string_append_printf (name, " %s", rng_pick (rng, &data->name_activities));
    }
  else
    g_string_append_printf (name, "%s Group", rng_pick (rng, &data->name_words));
}

/* A valid INN: 10 digits with one check digit for organisations, 12 digits
 * with two for individual entrepreneurs. The first four digits are the tax
 * office: the region code and the office number. */
static void
build_inn (GString     *out,
           Rng         *rng,
           guint        region,
           gboolean     individual)
{
  static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  int digits[12];
  guint n = individual ? 12 : 10;
  guint offices = region == 77 ? 51 : region == 78 ? 42 : 30;
  guint office = 1 + rng_below (rng, offices);
  int sum;

  digits[0] = region / 10;
  digits[1] = region % 10;
  digits[2] = office / 10;
  digits[3] = office % 10;
  for (guint i = 4; i < n - (individual ? 2 : 1); i++)
    digits[i] = rng_below (rng, 10);

  if (individual)
    {
      sum = 0;
      for (guint i = 0; i < 10; i++)
        sum += w11[i] * digits[i];
      digits[10] = sum % 11 % 10;
      sum = 0;
      for (guint i = 0; i < 11; i++)
        sum += w12[i] * digits[i];
      digits[11] = sum % 11 % 10;
    }
  else
    {
      sum = 0;
      for (guint i = 0; i < 9; i++)
        sum += w10[i] * digits[i];
      digits[9] = sum % 11 % 10;
    }

  for (guint i = 0; i < n; i++)
    g_string_append_c (out, '0' + digits[i]);
}

/* An EIN: two digits of a campus prefix the IRS uses, a dash, seven digits */
static void
build_ein (GString *out,
           Rng     *rng)
{
  static const guint8 prefixes[] = {
    10, 12, 20, 26, 27, 30, 33, 35, 36, 38, 41, 45, 46, 47, 51, 52, 54, 56, 59, 61, 65, 71,
    74, 75, 80, 81, 82, 83, 84, 86, 87, 88, 90, 91, 93, 94, 95, 98,
  };

  g_string_append_printf (out, "%02u-%07u", prefixes[rng_below (rng, G_N_ELEMENTS (prefixes))],
                          rng_below (rng, 10000000));
}

/* A UK VAT number: seven digits and two check digits (modulus 97) */
static void
build_uk_vat (GString *out,
              Rng     *rng)
{
  int digits[7];
  int sum = 0;

  digits[0] = 1 + rng_below (rng, 9);
  for (guint i = 1; i < 7; i++)
    digits[i] = rng_below (rng, 10);
  for (guint i = 0; i < 7; i++)
    sum += digits[i] * (8 - (int) i);

  g_string_append (out, "GB");
  for (guint i = 0; i < 7; i++)
    g_string_append_c (out, '0' + digits[i]);
  g_string_append_printf (out, "%02d", (97 - sum % 97) % 97);
}

static void
build_address (Generator         *gen,
               Rng               *rng,
               const CrmDemoCity *city)
{
  const CrmDemoLocaleData *data = gen->data;
  GString *address = gen->address;
  guint house = rng_below (rng, 100) < 70 ? 1 + rng_below (rng, 60) : 1 + rng_below (rng, 180);

  switch (city->country)
    {
    case CRM_DEMO_COUNTRY_RU:
      if (rng_percent (rng, 40))
        g_string_append_printf (address, "ул. %s", rng_pick (rng, &data->streets_adjective));
      else
        g_string_append_printf (address, "%s %s", rng_pick (rng, &data->street_types),
                                rng_pick (rng, &data->streets));
      g_string_append_printf (address, ", д. %u", house);
      if (rng_percent (rng, 15))
        g_string_append_printf (address, ", к. %u", 1 + rng_below (rng, 4));
      else if (rng_percent (rng, 10))
        g_string_append_printf (address, ", стр. %u", 1 + rng_below (rng, 6));
      if (rng_percent (rng, 65))
        g_string_append_printf (address, ", оф. %u", 1 + rng_below (rng, 12) * 100 +
                                rng_below (rng, 40));
      break;

    case CRM_DEMO_COUNTRY_US:
      g_string_append_printf (address, "%u %s %s", house * (1 + rng_below (rng, 40)),
                              rng_pick (rng, &data->streets), rng_pick (rng, &data->street_types));
      if (rng_percent (rng, 45))
        g_string_append_printf (address, ", Suite %u", 100 * (1 + rng_below (rng, 9)) +
                                rng_below (rng, 30));
      break;

    case CRM_DEMO_COUNTRY_UK:
    default:
      if (rng_percent (rng, 30))
        g_string_append_printf (address, "Unit %u, ", 1 + rng_below (rng, 20));
      g_string_append_printf (address, "%u %s", house, rng_pick (rng, &data->streets_adjective));
      break;
    }
}

static void
build_phone (Generator         *gen,
             Rng               *rng,
             const CrmDemoCity *city,
             gboolean           mobile)
{
  GString *phone = gen->phone;
  const char *code = city->phone_code;

  g_string_truncate (phone, 0);
  if (city->phone_code2 && rng_percent (rng, 35))
    code = city->phone_code2;

  switch (city->country)
    {
    case CRM_DEMO_COUNTRY_RU:
      if (mobile)
        g_string_append_printf (phone, "+7 (%s) %03u-%02u-%02u",
                                rng_pick (rng, &gen->data->mobile_codes),
                                (guint) rng_range (rng, 200, 999), rng_below (rng, 100),
                                rng_below (rng, 100));
      else if (strlen (code) == 3)
        g_string_append_printf (phone, "+7 (%s) %03u-%02u-%02u", code,
                                (guint) rng_range (rng, 200, 999), rng_below (rng, 100),
                                rng_below (rng, 100));
      else
        g_string_append_printf (phone, "+7 (%s) %02u-%02u-%02u", code,
                                (guint) rng_range (rng, 20, 79), rng_below (rng, 100),
                                rng_below (rng, 100));
      break;

    case CRM_DEMO_COUNTRY_US:
      g_string_append_printf (phone, "+1 (%s) 555-01%02u", code, rng_below (rng, 100));
      break;

    case CRM_DEMO_COUNTRY_UK:
    default:
      if (mobile)
        g_string_append_printf (phone, "+44 %s%03u", gen->data->mobile_codes.items[0],
                                rng_below (rng, 1000));
      else
        g_string_append_printf (phone, "+44 %s 0%03u", code, rng_below (rng, 1000));
      break;
    }
}

static const char *
pick_tld (Rng               *rng,
          const CrmDemoCity *city)
{
  guint roll = rng_below (rng, 100);

  switch (city->country)
    {
    case CRM_DEMO_COUNTRY_RU:
      return roll < 82 ? ".ru" : roll < 92 ? ".com" : roll < 96 ? ".net" : ".su";
    case CRM_DEMO_COUNTRY_US:
      return roll < 85 ? ".com" : roll < 93 ? ".net" : ".co";
    case CRM_DEMO_COUNTRY_UK:
    default:
      return roll < 75 ? ".co.uk" : ".com";
    }
}

static const CrmDemoCity *
pick_city (Generator *gen,
           Rng       *rng,
           guint     *index)
{
  guint roll = rng_below (rng, gen->city_weight_sum);

  for (guint i = 0; i < gen->data->n_cities; i++)
    {
      if (roll < gen->data->cities[i].weight)
        {
          *index = i;
          return &gen->data->cities[i];
        }
      roll -= gen->data->cities[i].weight;
    }

  *index = 0;
  return &gen->data->cities[0];
}

/* Working hours on a working day of the client's time zone */
static gint64
working_time (Rng               *rng,
              const CrmDemoCity *city,
              gint64             t)
{
  gint64 offset = city->country == CRM_DEMO_COUNTRY_RU ? 3 * 3600
                  : city->country == CRM_DEMO_COUNTRY_US ? -5 * 3600
                  : 0;
  gint64 day = (t + offset) / DAY;
  gint64 weekday = (day + 3) % 7;      /* 1970-01-01 was a Thursday; Monday is 0 */

  if (weekday >= 5)
    day -= weekday - 4;

  return day * DAY + 9 * 3600 + rng_below (rng, 9 * 3600) - offset;
}

static int
compare_times_descending (gconstpointer a,
                          gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Fills gen->times with n moments, newest first, and returns the creation
 * time of the company: before the first of them. */
static gint64
plan_history (Generator         *gen,
              Rng               *rng,
              const CrmDemoCity *city,
              Stage              stage,
              guint              n)
{
  gint64 now = gen->now;
  gint64 first, last, oldest;

  g_array_set_size (gen->times, 0);

  if (stage == STAGE_LEAD)
    first = now - rng_range (rng, 3 * DAY, 180 * DAY);
  else
    first = now - rng_range (rng, 30 * DAY, THREE_YEARS - 60 * DAY);

  switch (stage)
    {
    case STAGE_CLIENT:
    case STAGE_REGULAR:
    case STAGE_NEGOTIATION:
      last = now - rng_range (rng, 0, 20 * DAY);
      break;
    case STAGE_LOST:
      last = first + (now - first) * rng_range (rng, 10, 70) / 100;
      break;
    default:
      last = first + (now - first) * rng_range (rng, 30, 100) / 100;
      break;
    }

  oldest = now;
  for (guint i = 0; i < n; i++)
    {
      gint64 t = working_time (rng, city, rng_range (rng, first, last));

      if (t > now)
        t = now - rng_range (rng, 60, 3 * 3600);
      oldest = MIN (oldest, t);
      g_array_append_val (gen->times, t);
    }

  if (n > 1)
    qsort (gen->times->data, n, sizeof (gint64), compare_times_descending);

  if (n == 0)
    return now - rng_range (rng, DAY, THREE_YEARS);
  return MIN (oldest, first) - rng_range (rng, DAY, 60 * DAY);
}

static gint64
pick_user (Generator *gen,
           Rng       *rng,
           gint64     manager_id)
{
  guint roll = rng_below (rng, 100);

  if (roll < 85 || gen->team->len < 2)
    return manager_id;
  if (roll < 95 && gen->n_sales > 0)
    return g_array_index (gen->team, gint64, rng_below (rng, gen->n_sales));
  return g_array_index (gen->team, gint64, gen->team->len - 1);
}

static void
build_contact_email (Generator    *gen,
                     Rng          *rng,
                     const Person *person,
                     const char   *last,
                     int           birth_year,
                     gboolean      company_domain)
{
  GString *email = gen->email;
  guint style = rng_below (rng, 4);

  g_string_truncate (email, 0);
  switch (style)
    {
    case 0:
      append_latin (email, person->first, 0);
      g_string_append_c (email, '.');
      append_latin (email, last, 0);
      break;
    case 1:
      append_latin (gen->scratch, person->first, 0);
      g_string_append_c (email, gen->scratch->str[0]);
      g_string_truncate (gen->scratch, 0);
      g_string_append_c (email, '.');
      append_latin (email, last, 0);
      break;
    case 2:
      append_latin (email, last, 0);
      break;
    default:
      append_latin (email, last, 0);
      g_string_append_c (email, '.');
      append_latin (email, person->first, 0);
      break;
    }

  if (company_domain)
    g_string_append_printf (email, "@%s", gen->domain->str);
  else
    {
      if (birth_year > 0 && rng_percent (rng, 40))
        g_string_append_printf (email, "%d", birth_year);
      else if (style == 2 || rng_percent (rng, 30))
        g_string_append_printf (email, "%u", rng_below (rng, 100));
      g_string_append_printf (email, "@%s", rng_pick (rng, &gen->data->free_mail_domains));
    }
}

static gboolean
add_contact (Generator         *gen,
             Rng               *rng,
             gint64             company_id,
             gint64             manager_id,
             const CrmDemoCity *city,
             const Person      *given,
             const char        *position,
             gboolean           primary,
             gint64             created_at,
             GError           **error)
{
  const CrmDemoLocaleData *data = gen->data;
  CrmContactData contact = { 0 };
  Person person;
  int birth_year = 0;
  gint64 id;

  if (given)
    person = *given;
  else
    pick_person (gen, rng, &person);

  g_string_truncate (gen->last_name, 0);
  append_last_name (gen->last_name, person.last_masculine, person.female, gen->ru);

  contact.company_id = company_id;
  contact.first_name = person.first;
  contact.middle_name = person.middle;
  contact.last_name = gen->last_name->str;
  contact.position = position;
  contact.is_primary = primary;
  contact.created_at = created_at;
  contact.created_by = manager_id;

  if (rng_percent (rng, 35))
    {
      int month = 1 + rng_below (rng, 12);

      birth_year = gen->now_year - (int) rng_range (rng, 22, 66);
      g_string_printf (gen->birthday, "%04d-%02d-%02d", birth_year, month,
                       1 + rng_below (rng, g_date_get_days_in_month (month, birth_year)));
      contact.birthday = gen->birthday->str;
    }
  if (rng_percent (rng, 8))
    contact.notes = rng_pick (rng, &data->contact_notes);

  if ((id = crm_store_add_contact (gen->store, &contact, error)) <= 0)
    return FALSE;
  g_array_append_val (gen->contact_ids, id);

  /* One or two phones, the first usually a mobile */
  {
    gboolean mobile_first = rng_percent (rng, 70);

    build_phone (gen, rng, city, mobile_first);
    if (crm_store_add_phone (gen->store, company_id, id,
                             mobile_first ? data->label_mobile : data->label_work,
                             gen->phone->str, error) <= 0)
      return FALSE;
    if (rng_percent (rng, 40))
      {
        build_phone (gen, rng, city, !mobile_first);
        if (crm_store_add_phone (gen->store, company_id, id,
                                 mobile_first ? data->label_work : data->label_mobile,
                                 gen->phone->str, error) <= 0)
          return FALSE;
      }
  }

  {
    gboolean company_domain = gen->domain->len > 0 && rng_percent (rng, 85);

    build_contact_email (gen, rng, &person, gen->last_name->str, birth_year, company_domain);
    if (crm_store_add_email (gen->store, company_id, id,
                             company_domain ? data->label_work : data->label_personal,
                             gen->email->str, error) <= 0)
      return FALSE;
  }

  return TRUE;
}

static gboolean
add_history_entry (Generator  *gen,
                   Rng        *rng,
                   gint64      company_id,
                   gint64      manager_id,
                   gint64      occurred_at,
                   GError    **error)
{
  const CrmDemoLocaleData *data = gen->data;
  CrmHistoryData entry = { 0 };
  guint kind = rng_below (rng, 100);
  guint n_contacts = gen->contact_ids->len;

  entry.company_id = company_id;
  entry.user_id = pick_user (gen, rng, manager_id);
  entry.occurred_at = occurred_at;

  if (kind < 45)
    {
      entry.kind = "call";
      entry.subject = rng_pick (rng, &data->call_subjects);
      entry.direction = rng_percent (rng, 70) ? CRM_DIRECTION_OUTGOING : CRM_DIRECTION_INCOMING;
      if (entry.direction == CRM_DIRECTION_OUTGOING && rng_percent (rng, 25))
        {
          entry.outcome = rng_pick (rng, &data->call_outcomes_missed);
          entry.duration = 0;
        }
      else
        {
          entry.outcome = rng_pick (rng, &data->call_outcomes_reached);
          entry.duration = 20 + rng_below (rng, 240);
          if (rng_percent (rng, 30))
            entry.duration += rng_below (rng, 1200);
          if (rng_percent (rng, 35))
            entry.body = rng_pick (rng, &data->bodies);
        }
    }
  else if (kind < 65)
    {
      entry.kind = "email";
      entry.subject = rng_pick (rng, &data->email_subjects);
      entry.direction = rng_percent (rng, 60) ? CRM_DIRECTION_OUTGOING : CRM_DIRECTION_INCOMING;
      if (rng_percent (rng, 30))
        entry.body = rng_pick (rng, &data->bodies);
    }
  else if (kind < 75)
    {
      entry.kind = "meeting";
      entry.subject = rng_pick (rng, &data->meeting_subjects);
      entry.duration = 1800 + 900 * rng_below (rng, 8);
      if (rng_percent (rng, 70))
        entry.outcome = rng_pick (rng, &data->meeting_outcomes);
      if (rng_percent (rng, 40))
        entry.body = rng_pick (rng, &data->bodies);
    }
  else if (kind < 81)
    {
      entry.kind = "letter";
      entry.subject = rng_pick (rng, &data->letter_subjects);
      entry.direction = rng_percent (rng, 60) ? CRM_DIRECTION_OUTGOING : CRM_DIRECTION_INCOMING;
      if (rng_percent (rng, 20))
        entry.body = rng_pick (rng, &data->bodies);
    }
  else
    {
      entry.kind = "note";
      entry.subject = rng_pick (rng, &data->note_subjects);
      entry.body = rng_pick (rng, &data->note_bodies);
    }

  if (n_contacts > 0 && !g_str_equal (entry.kind, "note") && rng_percent (rng, 85))
    entry.contact_id = g_array_index (gen->contact_ids, gint64,
                                      rng_percent (rng, 50) ? 0 : rng_below (rng, n_contacts));

  return crm_store_add_history (gen->store, &entry, error) > 0;
}

static gboolean
generate_company (Generator  *gen,
                  guint64     index,
                  GError    **error)
{
  const CrmDemoLocaleData *data = gen->data;
  CrmCompanyData company = { 0 };
  Profile profile;
  Person owner = { 0 };
  const CrmDemoCity *city;
  guint city_index;
  guint n_contacts, n_history;
  gint64 company_id, manager_id, created_at, contacts_until;
  Stage stage;
  Rng rng;

  company_profile (gen, index, &profile);
  n_contacts = spread_next (&gen->contacts, profile.contacts_weight);
  n_history = spread_next (&gen->history, profile.history_weight);
  stage = profile_stage (gen, &profile);

  rng_seed (&rng, hash64 (gen->seed, index + 1));

  g_string_truncate (gen->name, 0);
  g_string_truncate (gen->legal_name, 0);
  g_string_truncate (gen->tax_id, 0);
  g_string_truncate (gen->address, 0);
  g_string_truncate (gen->domain, 0);
  g_string_truncate (gen->website, 0);
  g_array_set_size (gen->contact_ids, 0);

  city = pick_city (gen, &rng, &city_index);
  manager_id = g_array_index (gen->team, gint64,
                              gen->n_sales > 0 ? rng_below (&rng, gen->n_sales) : 0);

  /* Name, legal name, tax id */
  if (profile.form == FORM_SOLE)
    {
      /* An individual entrepreneur is a person: the company is named after them */
      pick_person (gen, &rng, &owner);
      g_string_truncate (gen->last_name, 0);
      append_last_name (gen->last_name, owner.last_masculine, owner.female, gen->ru);
      g_string_append_printf (gen->name, "%s %s %s", gen->last_name->str, owner.first,
                              owner.middle);
      g_string_append_printf (gen->legal_name, "ИП %s ", gen->last_name->str);
      append_first_letter (gen->legal_name, owner.first);
      g_string_append (gen->legal_name, ". ");
      append_first_letter (gen->legal_name, owner.middle);
      g_string_append_c (gen->legal_name, '.');
      build_inn (gen->tax_id, &rng, city->tax_region, TRUE);
    }
  else if (gen->ru)
    {
      build_company_name_ru (gen, &rng);
      g_string_append (gen->legal_name,
                       profile.form == FORM_PUBLIC ? "ПАО "
                       : profile.form == FORM_JOINT_STOCK ? "АО "
                       : "ООО ");
      append_quoted_ru (gen->legal_name, gen->name->str);
      build_inn (gen->tax_id, &rng, city->tax_region, FALSE);
    }
  else
    {
      build_company_name_en (gen, &rng);
      if (city->country == CRM_DEMO_COUNTRY_UK)
        {
          const char *suffix = profile.form == FORM_PUBLIC ? "PLC"
                               : strstr (gen->name->str, " & ") && !strstr (gen->name->str, "Sons")
                               ? "LLP" : "Ltd";

          g_string_append_printf (gen->legal_name, "%s %s", gen->name->str, suffix);
          build_uk_vat (gen->tax_id, &rng);
        }
      else
        {
          g_string_append_printf (gen->legal_name, "%s %s", gen->name->str,
                                  profile.form == FORM_PUBLIC ? "Corp."
                                  : profile.form == FORM_JOINT_STOCK ? "Inc."
                                  : "LLC");
          build_ein (gen->tax_id, &rng);
        }
    }

  /* Web site and domain: most companies have one, few sole proprietors */
  if (rng_percent (&rng, profile.form == FORM_SOLE ? 25 : 85))
    {
      if (profile.form == FORM_SOLE)
        {
          append_latin (gen->domain, gen->last_name->str, 0);
          g_string_append_c (gen->domain, '-');
          append_latin (gen->domain, rng_pick (&rng, &data->name_activities), 0);
        }
      else
        {
          /* Торговый дом «Вектор»: vektor.ru */
          const char *quoted = strstr (gen->name->str, "«");

          append_latin (gen->domain, quoted ? quoted : gen->name->str,
                        gen->ru || strstr (gen->name->str, " & ") ? '-' : 0);
        }
      g_string_append (gen->domain, pick_tld (&rng, city));
      g_string_printf (gen->website, "%s%s", rng_percent (&rng, 30) ? "www." : "",
                       gen->domain->str);
    }

  build_address (gen, &rng, city);

  created_at = plan_history (gen, &rng, city, stage, n_history);

  company.name = gen->name->str;
  company.legal_name = gen->legal_name->str;
  company.tax_id = gen->tax_id->str;
  if (gen->statuses->len > 0)
    company.status_id = g_array_index (gen->statuses, Status, profile.status).id;
  if (gen->industries->len > 0)
    company.industry_id = g_array_index (gen->industries, gint64,
                                         rng_below (&rng, gen->industries->len));
  company.region_id = gen->city_regions[city_index];
  if (gen->sources->len > 0)
    {
      guint total = g_array_index (gen->source_weights, guint, gen->sources->len - 1);
      guint roll = rng_below (&rng, total);
      guint i = 0;

      while (roll >= g_array_index (gen->source_weights, guint, i))
        i++;
      company.source_id = g_array_index (gen->sources, gint64, i);
    }
  company.manager_id = manager_id;
  company.city = city->name;
  company.address = gen->address->str;
  company.website = gen->website->len > 0 ? gen->website->str : NULL;
  if (rng_percent (&rng, 12))
    company.notes = rng_pick (&rng, &data->company_notes);
  company.created_at = created_at;
  company.created_by = manager_id;

  if ((company_id = crm_store_add_company (gen->store, &company, error)) <= 0)
    return FALSE;

  /* Company phones and e-mail */
  build_phone (gen, &rng, city, profile.form == FORM_SOLE && rng_percent (&rng, 60));
  if (crm_store_add_phone (gen->store, company_id, 0, data->label_work, gen->phone->str,
                           error) <= 0)
    return FALSE;
  if (rng_percent (&rng, 40))
    {
      gboolean fax = rng_percent (&rng, 35);

      build_phone (gen, &rng, city, FALSE);
      if (crm_store_add_phone (gen->store, company_id, 0,
                               fax ? data->label_fax : data->label_accounts,
                               gen->phone->str, error) <= 0)
        return FALSE;
    }

  g_string_truncate (gen->email, 0);
  if (gen->domain->len > 0)
    g_string_append_printf (gen->email, "%s@%s", rng_pick (&rng, &data->company_mailboxes),
                            gen->domain->str);
  else
    {
      if (profile.form == FORM_SOLE)
        append_latin (gen->email, gen->last_name->str, 0);
      else
        append_latin (gen->email, gen->name->str, gen->ru ? '-' : 0);
      if (rng_percent (&rng, 60))
        g_string_append_printf (gen->email, "%u", (guint) rng_range (&rng, 1, 2024));
      g_string_append_printf (gen->email, "@%s", rng_pick (&rng, &data->free_mail_domains));
    }
  if (crm_store_add_email (gen->store, company_id, 0, data->label_work, gen->email->str,
                           error) <= 0)
    return FALSE;

  /* Contact persons: the first is the head (for a sole proprietor, the owner) */
  contacts_until = gen->times->len > 0
                   ? g_array_index (gen->times, gint64, gen->times->len - 1)
                   : gen->now;
  for (guint i = 0; i < n_contacts; i++)
    {
      gint64 contact_created = i == 0 ? created_at
                               : rng_range (&rng, created_at, MAX (created_at, contacts_until));
      const char *position;

      if (i == 0)
        position = profile.form == FORM_SOLE
                   ? (gen->ru ? "Индивидуальный предприниматель" : "Owner")
                   : rng_pick (&rng, &data->head_positions);
      else
        position = rng_pick (&rng, &data->positions);

      if (!add_contact (gen, &rng, company_id, manager_id, city,
                        i == 0 && profile.form == FORM_SOLE ? &owner : NULL,
                        position, i == 0, contact_created, error))
        return FALSE;
    }

  /* Newest first: the store then writes last_contact_at once per company */
  for (guint i = 0; i < gen->times->len; i++)
    if (!add_history_entry (gen, &rng, company_id, manager_id,
                            g_array_index (gen->times, gint64, i), error))
      return FALSE;

  return TRUE;
}

/* The run */

static void
report_progress (Generator  *gen,
                 double      fraction,
                 const char *phase)
{
  if (gen->progress)
    gen->progress (CLAMP (fraction, 0.0, 1.0), phase, gen->progress_data);
}

static gboolean
begin (Generator  *gen,
       GError    **error)
{
  if (!crm_store_begin (gen->store, error))
    return FALSE;
  gen->in_transaction = TRUE;
  return TRUE;
}

static gboolean
commit (Generator  *gen,
        GError    **error)
{
  gen->in_transaction = FALSE;
  if (!crm_store_commit (gen->store, error))
    {
      crm_store_rollback (gen->store);
      return FALSE;
    }
  gen->committed_any = TRUE;
  return TRUE;
}

static gboolean
run (Generator     *gen,
     GCancellable  *cancellable,
     GError       **error)
{
  const CrmDemoOptions *options = gen->options;
  guint last_step = 0;

  report_progress (gen, 0.0, _("Creating the sales team"));

  if (!begin (gen, error))
    return FALSE;

  if (!load_dictionaries (gen, error))
    {
      g_prefix_error (error, _("Could not prepare the dictionaries: "));
      return FALSE;
    }
  if (!create_team (gen, error))
    {
      g_prefix_error (error, _("Could not create the sales team: "));
      return FALSE;
    }

  /* First pass: the weights that spread contacts and history exactly */
  gen->contacts.total = options->contacts;
  gen->history.total = options->history;
  for (guint64 i = 0; i < options->companies; i++)
    {
      Profile profile;

      company_profile (gen, i, &profile);
      gen->contacts.weight_sum += profile.contacts_weight;
      gen->history.weight_sum += profile.history_weight;
    }

  report_progress (gen, 0.0, _("Creating companies"));

  for (guint64 i = 0; i < options->companies; i++)
    {
      guint step;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!options->atomic && i > 0 && i % BATCH_COMPANIES == 0)
        {
          if (!commit (gen, error) || !begin (gen, error))
            return FALSE;
        }

      if (!generate_company (gen, i, error))
        {
          /* Translators: %s is a number such as 1234 */
          g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, i + 1);

          g_prefix_error (error, _("Could not write demo company %s: "), number);
          return FALSE;
        }

      step = (guint) ((i + 1) * PROGRESS_STEPS / options->companies);
      if (step > last_step)
        {
          last_step = step;
          report_progress (gen, step / 100.0, _("Creating companies"));
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* In one transaction the index is part of it, so a failure leaves nothing */
  if (!options->atomic && !commit (gen, error))
    return FALSE;

  report_progress (gen, PROGRESS_STEPS / 100.0, _("Building the search index"));
  if (!crm_store_rebuild_search_index (gen->store, error))
    {
      g_prefix_error (error, _("Could not build the search index: "));
      return FALSE;
    }

  return !options->atomic || commit (gen, error);
}

/**
 * crm_demo_options_init:
 * @options: options to fill with the defaults
 *
 * 2000 companies, 5000 contacts, 20000 history entries, 12 salespeople,
 * seed 1, the language of the database, batches, history ending now.
 */
void
crm_demo_options_init (CrmDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->companies = 2000;
  options->contacts = 5000;
  options->history = 20000;
  options->users = 12;
  options->seed = 1;
  options->locale = NULL;
  options->atomic = FALSE;
  options->now = 0;
}

/**
 * crm_demo_default_locale:
 *
 * Returns: "ru" when the first set of LANGUAGE (its first entry), LC_ALL,
 *   LC_MESSAGES and LANG starts with "ru", otherwise "en"
 */
const char *
crm_demo_default_locale (void)
{
  static const char * const variables[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value == NULL || value[0] == '\0' || value[0] == ':')
        continue;

      return g_str_has_prefix (value, "ru") ? "ru" : "en";
    }

  return "en";
}

/**
 * crm_demo_generate:
 * @store: the store to fill
 * @options: what to generate
 * @progress: (nullable): called about a hundred times with the fraction done
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Adds a sales team and demo companies with their contacts, phones, e-mail
 * addresses and history to @store. See crm-demo.h for what happens on
 * cancellation or failure.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_demo_generate (CrmStore             *store,
                   const CrmDemoOptions *options,
                   CrmProgressFunc       progress,
                   gpointer              user_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  g_autoptr(GDateTime) today = NULL;
  const char *locale;
  Generator gen = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* By default the data speaks the language of the database's dictionaries */
  locale = options->locale ? options->locale : crm_store_get_locale (store);
  if (g_str_has_prefix (locale, "ru"))
    gen.ru = TRUE;
  else if (!g_str_has_prefix (locale, "en"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a locale name such as "de" */
                   _("There is no demo data for the language “%s”: use “ru” or “en”"), locale);
      return FALSE;
    }

  if (options->companies == 0 && (options->contacts > 0 || options->history > 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Demo contacts and history need at least one company"));
      return FALSE;
    }

  gen.store = store;
  gen.options = options;
  gen.data = gen.ru ? &crm_demo_data_ru : &crm_demo_data_en;
  gen.now = options->now != 0 ? options->now : g_get_real_time () / G_USEC_PER_SEC;
  today = g_date_time_new_from_unix_utc (gen.now);
  gen.now_year = today ? g_date_time_get_year (today) : 2026;
  gen.seed = hash64 (options->seed, gen.ru ? 0x7275 : 0x656e);
  gen.progress = progress;
  gen.progress_data = user_data;

  gen.statuses = g_array_new (FALSE, FALSE, sizeof (Status));
  gen.industries = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen.sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen.source_weights = g_array_new (FALSE, FALSE, sizeof (guint));
  gen.team = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen.contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen.name = g_string_sized_new (128);
  gen.legal_name = g_string_sized_new (128);
  gen.tax_id = g_string_sized_new (16);
  gen.address = g_string_sized_new (128);
  gen.domain = g_string_sized_new (64);
  gen.website = g_string_sized_new (64);
  gen.email = g_string_sized_new (64);
  gen.phone = g_string_sized_new (32);
  gen.last_name = g_string_sized_new (64);
  gen.birthday = g_string_sized_new (16);
  gen.scratch = g_string_sized_new (64);

  crm_store_set_bulk_mode (store, TRUE);

  ok = run (&gen, cancellable, error);

  if (!ok)
    {
      if (gen.in_transaction)
        crm_store_rollback (store);

      /* Committed batches stay; index them so search finds what is there */
      if (gen.committed_any)
        {
          g_autoptr(GError) index_error = NULL;

          if (!crm_store_rebuild_search_index (store, &index_error))
            g_warning ("Could not index the demo data written before the failure: %s",
                       index_error->message);
        }
    }

  crm_store_set_bulk_mode (store, FALSE);

  if (ok)
    report_progress (&gen, 1.0, _("Done"));

  g_array_unref (gen.statuses);
  g_array_unref (gen.industries);
  g_array_unref (gen.sources);
  g_array_unref (gen.source_weights);
  g_array_unref (gen.team);
  g_array_unref (gen.times);
  g_array_unref (gen.contact_ids);
  g_free (gen.city_regions);
  g_string_free (gen.name, TRUE);
  g_string_free (gen.legal_name, TRUE);
  g_string_free (gen.tax_id, TRUE);
  g_string_free (gen.address, TRUE);
  g_string_free (gen.domain, TRUE);
  g_string_free (gen.website, TRUE);
  g_string_free (gen.email, TRUE);
  g_string_free (gen.phone, TRUE);
  g_string_free (gen.last_name, TRUE);
  g_string_free (gen.birthday, TRUE);
  g_string_free (gen.scratch, TRUE);

  return ok;
}
