-- images-push sends an image's description with its sort order (BigCommerce's product image "description")
ALTER TABLE item_image ADD COLUMN description VARCHAR(255);
