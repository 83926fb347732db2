-- An image has a description, and a removed image stays as a row marked deleted (touched, so the incremental
-- read sees it): the hub then drops it and images-push removes it from the storefront.
ALTER TABLE bo_image ADD COLUMN description VARCHAR(255);
ALTER TABLE bo_image ADD COLUMN deleted BOOLEAN DEFAULT FALSE NOT NULL;
