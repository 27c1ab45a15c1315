/* crm-wrap-box.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-wrap-box"

#include "config.h"

#include "crm-wrap-box.h"

/* GtkFlowBox lines its children up in columns as wide as the widest one, so
 * chips of different lengths leave gaps; here each child takes its natural
 * width (at most the box's) and a line breaks where the next one does not
 * fit. The box asks for the width of its widest child only: a narrow window
 * gets more lines, never a wider window. Children added in a .ui file go in
 * through GtkWidget's own GtkBuildable (gtk_widget_set_parent()). */

#define SPACING 6

struct _CrmWrapBox
{
  GtkWidget  parent_instance;

  guint      n_lines;   /* at the last allocation */
};

G_DEFINE_FINAL_TYPE (CrmWrapBox, crm_wrap_box, GTK_TYPE_WIDGET)

typedef struct
{
  GtkWidget *child;
  int        x;
  int        width;
  int        line;
} Placement;

/* Places the visible children in lines of @width; returns the number of
 * lines and fills @line_heights (minimum or natural) */
static guint
layout (CrmWrapBox *self,
        int         width,
        GArray     *placements,
        GArray     *line_heights,
        gboolean    natural)
{
  int x = 0;
  guint line = 0;
  gboolean empty_line = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Placement placement = { child, 0, 0, 0 };
      int min_width, nat_width, min_height, nat_height, height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
      placement.width = width < 0 ? nat_width : MAX (min_width, MIN (nat_width, width));

      if (!empty_line && width >= 0 && x + SPACING + placement.width > width)
        {
          line++;
          x = 0;
          empty_line = TRUE;
        }
      if (!empty_line)
        x += SPACING;
      placement.x = x;
      placement.line = line;
      x += placement.width;
      empty_line = FALSE;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, placement.width,
                          &min_height, &nat_height, NULL, NULL);
      height = natural ? nat_height : min_height;
      if (line_heights->len <= line)
        g_array_set_size (line_heights, line + 1);
      g_array_index (line_heights, int, line) = MAX (g_array_index (line_heights, int, line), height);
      if (placements != NULL)
        g_array_append_val (placements, placement);
    }

  return line_heights->len;
}

static int
total_height (GArray *line_heights)
{
  int height = 0;

  for (guint i = 0; i < line_heights->len; i++)
    height += g_array_index (line_heights, int, i) + (i > 0 ? SPACING : 0);

  return height;
}

static GtkSizeRequestMode
crm_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
crm_wrap_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CrmWrapBox *self = CRM_WRAP_BOX (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gboolean first = TRUE;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min_width, nat_width;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
          *minimum = MAX (*minimum, min_width);
          *natural += nat_width + (first ? 0 : SPACING);
          first = FALSE;
        }
    }
  else
    {
      g_autoptr(GArray) min_heights = g_array_new (FALSE, TRUE, sizeof (int));
      g_autoptr(GArray) nat_heights = g_array_new (FALSE, TRUE, sizeof (int));

      layout (self, for_size, NULL, min_heights, FALSE);
      layout (self, for_size, NULL, nat_heights, TRUE);
      *minimum = total_height (min_heights);
      *natural = total_height (nat_heights);
    }
}

static void
crm_wrap_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CrmWrapBox *self = CRM_WRAP_BOX (widget);
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autoptr(GArray) line_heights = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GArray) line_tops = g_array_new (FALSE, TRUE, sizeof (int));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int top = 0;

  self->n_lines = layout (self, width, placements, line_heights, TRUE);
  for (guint i = 0; i < line_heights->len; i++)
    {
      g_array_append_val (line_tops, top);
      top += g_array_index (line_heights, int, i) + SPACING;
    }

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);
      GtkAllocation allocation = {
        .x = rtl ? width - placement->x - placement->width : placement->x,
        .y = g_array_index (line_tops, int, placement->line),
        .width = placement->width,
        .height = g_array_index (line_heights, int, placement->line),
      };

      gtk_widget_size_allocate (placement->child, &allocation, -1);
    }
}

static void
crm_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_wrap_box_parent_class)->dispose (object);
}

static void
crm_wrap_box_class_init (CrmWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_wrap_box_dispose;

  widget_class->get_request_mode = crm_wrap_box_get_request_mode;
  widget_class->measure = crm_wrap_box_measure;
  widget_class->size_allocate = crm_wrap_box_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_wrap_box_init (CrmWrapBox *self)
{
}

GtkWidget *
crm_wrap_box_new (void)
{
  return g_object_new (CRM_TYPE_WRAP_BOX, NULL);
}

/**
 * crm_wrap_box_insert_before:
 * @sibling: (nullable): the child to put @child before; %NULL for the end
 */
void
crm_wrap_box_insert_before (CrmWrapBox *self,
                            GtkWidget  *child,
                            GtkWidget  *sibling)
{
  g_return_if_fail (CRM_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);
  g_return_if_fail (sibling == NULL || gtk_widget_get_parent (sibling) == GTK_WIDGET (self));

  gtk_widget_insert_before (child, GTK_WIDGET (self), sibling);
}

void
crm_wrap_box_remove (CrmWrapBox *self,
                     GtkWidget  *child)
{
  g_return_if_fail (CRM_IS_WRAP_BOX (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  gtk_widget_unparent (child);
}

/**
 * crm_wrap_box_get_n_lines:
 *
 * Returns: on how many lines the children were laid out last
 */
guint
crm_wrap_box_get_n_lines (CrmWrapBox *self)
{
  g_return_val_if_fail (CRM_IS_WRAP_BOX (self), 0);

  return self->n_lines;
}
