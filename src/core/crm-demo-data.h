/* crm-demo-data.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Private word tables of the demo data generator (crm-demo.c). The strings are
 * demo data in the language of the locale, not user interface text, so they
 * are not translated. */

typedef struct
{
  const char * const *items;
  guint               n_items;
} CrmDemoTable;

typedef enum
{
  CRM_DEMO_COUNTRY_RU,
  CRM_DEMO_COUNTRY_US,
  CRM_DEMO_COUNTRY_UK,
} CrmDemoCountry;

typedef struct
{
  const char     *name;
  const char     *region;       /* the region dictionary value */
  const char     *phone_code;   /* ru: area code of 3 or 4 digits; us: area code;
                                 * uk: area code and the exchange, "20 7946" */
  const char     *phone_code2;  /* a second area code of the city, or NULL */
  guint8          tax_region;   /* ru: first two digits of an INN of the region */
  CrmDemoCountry  country;
  guint16         weight;       /* relative number of companies in the city */
} CrmDemoCity;

/* A first name for men, with the patronymics derived from it (ru only) */
typedef struct
{
  const char *name;
  const char *patronymic_male;
  const char *patronymic_female;
} CrmDemoMaleName;

/* An adjective in masculine, feminine, neuter and plural form */
typedef struct
{
  const char *forms[4];
} CrmDemoAdjective;

/* A noun and its grammatical gender (an index into CrmDemoAdjective.forms) */
typedef struct
{
  const char *word;
  guint       gender;
} CrmDemoNoun;

typedef struct
{
  /* Places */
  const CrmDemoCity      *cities;
  guint                   n_cities;
  CrmDemoTable            streets;           /* ru: in the genitive ("Ленина"); en: names */
  CrmDemoTable            streets_adjective; /* ru: "Садовая" (with "ул."); uk: whole names */
  CrmDemoTable            street_types;      /* ru: "пр-т", "пер."; us: "St", "Ave" */

  /* People */
  const CrmDemoMaleName  *male_names;
  guint                   n_male_names;
  CrmDemoTable            female_names;
  CrmDemoTable            last_names;        /* ru: masculine form */
  CrmDemoTable            positions;
  CrmDemoTable            head_positions;    /* the first contact of a company */
  CrmDemoTable            contact_notes;
  CrmDemoTable            mobile_codes;
  CrmDemoTable            free_mail_domains;

  /* Companies */
  CrmDemoTable            name_roots;        /* "Техно", "Agri" */
  CrmDemoTable            name_endings;      /* "Строй", "stream" */
  CrmDemoTable            name_words;        /* "Ромашка", "Summit" */
  CrmDemoTable            name_activities;   /* "Трейд", "Logistics" */
  CrmDemoTable            name_kinds;        /* ru: "Торговый дом" before a quoted name */
  const CrmDemoAdjective *adjectives;        /* ru: "Северный" */
  guint                   n_adjectives;
  const CrmDemoAdjective *activity_adjectives; /* ru: "строительный" */
  guint                   n_activity_adjectives;
  const CrmDemoNoun      *nouns;             /* ru: "завод", "компания" */
  guint                   n_nouns;
  CrmDemoTable            company_notes;
  CrmDemoTable            company_mailboxes; /* "info", "office" */

  /* Labels of phones and e-mail addresses */
  const char             *label_work;
  const char             *label_mobile;
  const char             *label_fax;
  const char             *label_accounts;
  const char             *label_personal;

  /* History */
  CrmDemoTable            call_subjects;
  CrmDemoTable            meeting_subjects;
  CrmDemoTable            letter_subjects;
  CrmDemoTable            email_subjects;
  CrmDemoTable            note_subjects;
  CrmDemoTable            bodies;
  CrmDemoTable            note_bodies;
  CrmDemoTable            call_outcomes_reached;   /* a conversation took place */
  CrmDemoTable            call_outcomes_missed;    /* nobody answered: no duration */
  CrmDemoTable            meeting_outcomes;
} CrmDemoLocaleData;

extern const CrmDemoLocaleData crm_demo_data_ru;
extern const CrmDemoLocaleData crm_demo_data_en;

G_END_DECLS
